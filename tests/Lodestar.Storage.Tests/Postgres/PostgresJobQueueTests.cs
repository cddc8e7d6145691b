using Lodestar.Core.Jobs;
using Lodestar.Storage.Postgres.Jobs;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresJobQueueTests : Jobs.JobQueueContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override IJobQueue CreateQueue() => new PostgresJobQueue(_schema.Open());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
