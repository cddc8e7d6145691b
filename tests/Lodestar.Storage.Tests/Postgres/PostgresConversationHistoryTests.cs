using Lodestar.Knowledge.Conversations;
using Lodestar.Storage.Postgres.Knowledge;
using Lodestar.Storage.Tests.Knowledge;

namespace Lodestar.Storage.Tests.Postgres;

public sealed class PostgresConversationHistoryTests : ConversationHistoryContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();

    protected override (IConversationStore Store, IConversationHistory History) Create()
    {
        var database = _schema.Open();
        return (new PostgresConversationStore(database), new PostgresConversationHistory(database));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();
}
