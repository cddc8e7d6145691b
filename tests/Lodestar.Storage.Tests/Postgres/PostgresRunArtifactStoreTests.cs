using Lodestar.Models.Tracking;
using Lodestar.Storage.Postgres.Models;
using Lodestar.Storage.Tests.Models;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresRunArtifactStoreTests : RunArtifactStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override IRunArtifactStore CreateStore() => new PostgresRunArtifactStore(_schema.Open());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
