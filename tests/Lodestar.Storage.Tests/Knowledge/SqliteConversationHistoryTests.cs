using Lodestar.Knowledge.Conversations;
using Lodestar.Storage.Sqlite.Knowledge;
using Lodestar.Storage.Tests.Models;

namespace Lodestar.Storage.Tests.Knowledge;

public sealed class SqliteConversationHistoryTests : ConversationHistoryContractTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override (IConversationStore Store, IConversationHistory History) Create() =>
        (new SqliteConversationStore(_database.Database), new SqliteConversationHistory(_database.Database));

    public void Dispose() => _database.Dispose();
}
