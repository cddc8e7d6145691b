namespace Lodestar.Knowledge.Ingestion;

/// <summary>One file found by a connector. <paramref name="RelativePath"/> is '/'-separated and relative to the enumerated root.</summary>
public sealed record SourceFile(string FullPath, string RelativePath, long Length, DateTimeOffset LastModified);
