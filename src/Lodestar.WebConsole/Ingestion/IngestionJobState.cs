namespace Lodestar.WebConsole.Ingestion;

internal enum IngestionJobState
{
    Running,
    Succeeded,
    Failed,
}
