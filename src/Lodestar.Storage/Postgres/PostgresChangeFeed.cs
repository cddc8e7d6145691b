using Lodestar.Knowledge.Documents;
using Lodestar.Storage.Postgres.Knowledge;
using Npgsql;

namespace Lodestar.Storage.Postgres;

/// <summary>
/// Wakes a node when another node commits to a knowledge base's change log (LISTEN/NOTIFY). Notifications are only a
/// wake-up: they are lost while disconnected, so followers also poll and catch up after every reconnect.
/// </summary>
public sealed class PostgresChangeFeed(PostgresDatabase database)
{
    /// <summary>Every (tenant, knowledge base) that has a change log, for catch-up on start and on each poll.</summary>
    public async Task<IReadOnlyList<KnowledgeBaseId>> ListKnowledgeBasesAsync(CancellationToken cancellationToken = default) =>
        await database.ReadAsync(PostgresKnowledgeSchema.Module, (connection, token) =>
            PostgresValues.QueryAsync(connection, null, "SELECT tenant, kb FROM kb_heads ORDER BY tenant, kb", r => new KnowledgeBaseId(r.GetString(0), r.GetString(1)), token), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Listens until cancelled or the connection drops (then throws); <paramref name="onListening"/> runs once LISTEN is in
    /// place (catch up then, so nothing committed before it is missed), <paramref name="onChange"/> for every notification.
    /// </summary>
    public async Task ListenAsync(Func<CancellationToken, Task> onListening, Action<KnowledgeBaseId> onChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onListening);
        ArgumentNullException.ThrowIfNull(onChange);
        // LISTEN needs the knowledge schema to exist only for the catch-up that follows; the channel itself needs nothing.
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        connection.Notification += (_, notification) =>
        {
            var split = notification.Payload.LastIndexOf('/');
            if (split > 0)
            {
                onChange(new KnowledgeBaseId(notification.Payload[..split], notification.Payload[(split + 1)..]));
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresKnowledgeSchema.ChangeChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await onListening(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
