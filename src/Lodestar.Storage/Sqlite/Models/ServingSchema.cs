namespace Lodestar.Storage.Sqlite.Models;

/// <summary>The "serving" migration module: endpoints, the prediction log and batch scoring jobs.</summary>
internal static class ServingSchema
{
    public const string Module = "serving";

    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE serving_endpoints (
            tenant TEXT NOT NULL, name TEXT NOT NULL, deployment TEXT NOT NULL, updated_at TEXT NOT NULL, row_version INTEGER NOT NULL,
            PRIMARY KEY (tenant, name));
        CREATE TABLE serving_predictions (
            id INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL, endpoint TEXT NOT NULL, model TEXT NOT NULL, version INTEGER NOT NULL,
            at TEXT NOT NULL, inputs TEXT NOT NULL, prediction REAL NOT NULL);
        CREATE INDEX serving_predictions_by_endpoint ON serving_predictions (tenant, endpoint, at);
        CREATE TABLE scoring_jobs (
            id TEXT PRIMARY KEY, tenant TEXT NOT NULL, job TEXT NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL);
        """,
    ];
}
