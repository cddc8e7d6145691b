using Lodestar.Knowledge.Documents;
using Lodestar.Storage.Postgres.Knowledge;
using Lodestar.Storage.Tests.Knowledge;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresKnowledgeStoreTests : KnowledgeStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override IKnowledgeStore CreateStore() => new PostgresKnowledgeStore(_schema.Open());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
