using System.Globalization;
using Lodestar.Models.Tracking;

namespace Lodestar.Storage.Sqlite.Models;

/// <summary>The run → artifact index in SQLite (module <c>tracking-artifacts</c>).</summary>
internal sealed class SqliteRunArtifactStore(SqliteDatabase database) : SqliteStoreBase(database, "tracking-artifacts", Migrations), IRunArtifactStore
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE tracking_artifacts (
            run_id TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, length INTEGER NOT NULL, logged_at TEXT NOT NULL, PRIMARY KEY (run_id, path));
        """,
    ];

    public async Task RecordAsync(RunArtifact artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            """
            INSERT INTO tracking_artifacts (run_id, path, sha256, length, logged_at) VALUES ($run, $path, $sha, $length, $at)
            ON CONFLICT(run_id, path) DO UPDATE SET sha256 = excluded.sha256, length = excluded.length, logged_at = excluded.logged_at
            """,
            cancellationToken, ("$run", artifact.RunId), ("$path", artifact.Path), ("$sha", artifact.Sha256), ("$length", artifact.Length),
            ("$at", artifact.LoggedAt.ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RunArtifact>> ListAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, "SELECT run_id, path, sha256, length, logged_at FROM tracking_artifacts WHERE run_id = $run ORDER BY path",
            r => new RunArtifact(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), ParseTime(r.GetString(4))), cancellationToken, ("$run", runId)).ConfigureAwait(false);
    }
}
