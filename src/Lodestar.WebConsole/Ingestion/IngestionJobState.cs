namespace Lodestar.WebConsole.Ingestion;

internal enum IngestionJobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
