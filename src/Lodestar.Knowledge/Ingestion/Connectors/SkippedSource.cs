namespace Lodestar.Knowledge.Ingestion;

/// <summary>A file or directory a connector could not (or would not) deliver, with a reason fit for an operator.</summary>
public sealed record SkippedSource(string RelativePath, string Reason);
