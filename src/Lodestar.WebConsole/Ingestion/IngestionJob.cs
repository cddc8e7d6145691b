using Lodestar.Knowledge.Sync;

namespace Lodestar.WebConsole.Ingestion;

/// <summary>One ingestion job as the knowledge page shows it. <see cref="Progress"/> is null until the first file is counted.</summary>
internal sealed record IngestionJob(
    string Id,
    string KnowledgeBase,
    string Path,
    string StartedBy,
    DateTimeOffset StartedAt,
    IngestionJobState State,
    IngestProgress? Progress,
    IngestReport? Report,
    string? Error)
{
    public bool IsActive => State is IngestionJobState.Queued or IngestionJobState.Running;

    /// <summary>Share of the bytes done, 0–100, for a progress bar.</summary>
    public int Percent => Progress is { BytesTotal: > 0 } p ? (int)Math.Clamp(p.BytesDone * 100 / p.BytesTotal, 0, 100) : IsActive ? 0 : 100;
}
