namespace Lodestar.Models.Scoring;

/// <summary>
/// A batch scoring job over a CSV: which model version, which input (fingerprinted so a resume never mixes two
/// files), where the output goes, and the checkpoint: rows [0, <see cref="RowsDone"/>) are scored in part files.
/// </summary>
public sealed record ScoringJob(
    string Id,
    string TenantId,
    string Model,
    int Version,
    string InputPath,
    string InputSha256,
    string OutputPath,
    int ChunkRows,
    long TotalRows,
    long RowsDone,
    ScoringJobStatus Status,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public double Progress => TotalRows == 0 ? 1 : (double)RowsDone / TotalRows;
}
