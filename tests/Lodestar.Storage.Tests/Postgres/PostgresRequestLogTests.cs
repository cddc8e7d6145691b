using Lodestar.Observability.Requests;
using Lodestar.Storage.Postgres.Observability;
using Lodestar.Storage.Tests.Observability;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresRequestLogTests : RequestLogContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override IRequestLog CreateLog() => new PostgresRequestLog(_schema.Open());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
