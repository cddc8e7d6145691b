using Lodestar.Models.Tracking;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Models;

/// <summary>The run → artifact index in PostgreSQL (module <c>tracking-artifacts</c>); the bytes are in the shared content store.</summary>
internal sealed class PostgresRunArtifactStore(PostgresDatabase database) : IRunArtifactStore
{
    private static readonly PostgresModule Module = new("tracking-artifacts",
    [
        """
        CREATE TABLE tracking_artifacts (
            run_id TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, length BIGINT NOT NULL, logged_at TEXT NOT NULL, PRIMARY KEY (run_id, path));
        """,
    ]);

    public Task RecordAsync(RunArtifact artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            """
            INSERT INTO tracking_artifacts (run_id, path, sha256, length, logged_at) VALUES (@run, @path, @sha, @length, @at)
            ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, length = excluded.length, logged_at = excluded.logged_at
            """,
            token, ("run", artifact.RunId), ("path", artifact.Path), ("sha", artifact.Sha256), ("length", artifact.Length), ("at", Time(artifact.LoggedAt))), cancellationToken);
    }

    public async Task<IReadOnlyList<RunArtifact>> ListAsync(string runId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null, "SELECT run_id, path, sha256, length, logged_at FROM tracking_artifacts WHERE run_id = @run ORDER BY path COLLATE \"C\"",
            r => new RunArtifact(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), ReadTime(r, 4)), token, ("run", runId)), cancellationToken).ConfigureAwait(false);
}
