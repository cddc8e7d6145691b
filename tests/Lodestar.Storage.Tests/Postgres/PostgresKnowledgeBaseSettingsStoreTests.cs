using Lodestar.Knowledge.Settings;
using Lodestar.Storage.Postgres.Knowledge;
using Lodestar.Storage.Tests.Knowledge;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresKnowledgeBaseSettingsStoreTests : KnowledgeBaseSettingsStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override IKnowledgeBaseSettingsStore CreateStore() => new PostgresKnowledgeBaseSettingsStore(_schema.Open());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
