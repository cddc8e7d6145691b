using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Secrets;

/// <summary>
/// Named key rings (XML documents, e.g. ASP.NET Core data-protection keys) in the shared database, so every node
/// signs and reads the console's cookies with the same keys instead of a key file on one node's disk. Entries are
/// append-only: a key is never rewritten, only superseded by a newer one.
/// </summary>
public sealed class PostgresKeyRing(PostgresDatabase database)
{
    private static readonly PostgresModule Module = new("key-rings",
    [
        "CREATE TABLE key_rings (ring TEXT NOT NULL, name TEXT NOT NULL, xml TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (ring, name))",
    ]);

    /// <summary>Every entry of <paramref name="ring"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string ring, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            "SELECT xml FROM key_rings WHERE ring = @ring ORDER BY created_at, name", r => r.GetString(0), token, ("ring", ring)), cancellationToken).ConfigureAwait(false);

    /// <summary>Adds an entry; storing the same name twice keeps the first (a retried write changes nothing).</summary>
    public Task AddAsync(string ring, string name, string xml, CancellationToken cancellationToken = default) =>
        database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "INSERT INTO key_rings (ring, name, xml, created_at) VALUES (@ring, @name, @xml, @at) ON CONFLICT (ring, name) DO NOTHING", token,
            ("ring", ring), ("name", name), ("xml", xml), ("at", Time(DateTimeOffset.UtcNow))), cancellationToken);
}
