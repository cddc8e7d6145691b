namespace Lodestar.Knowledge.Sync;

/// <summary>A source that was skipped, and why.</summary>
public sealed record IngestFailure(string Source, string Reason);

/// <summary>What an ingestion run did (CONTRACT.md shape).</summary>
public sealed record IngestReport(int Added, int Updated, int Unchanged, int Removed, IReadOnlyList<IngestFailure> Failed);

/// <summary>Progress of an ingestion run, reported after every file.</summary>
public sealed record IngestProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal, string? Current);
