using Lodestar.Knowledge.Conversations;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Storage.Sqlite.Knowledge;

public static class SqliteKnowledgeStorageExtensions
{
    /// <summary>Registers the SQLite knowledge and conversation stores; needs a <see cref="SqliteDatabase"/> in the container.</summary>
    public static IServiceCollection AddSqliteKnowledgeStore(this IServiceCollection services) =>
        services.AddSingleton<IKnowledgeStore, SqliteKnowledgeStore>().AddSingleton<IConversationStore, SqliteConversationStore>()
            .AddSingleton<IConversationHistory, SqliteConversationHistory>()
            .AddSingleton<IKnowledgeBaseSettingsStore, SqliteKnowledgeBaseSettingsStore>();
}
