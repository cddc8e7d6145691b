namespace Lodestar.Models.Tracking;

/// <summary>A file logged by a run: its path inside the run and the content-addressed blob holding its bytes.</summary>
public sealed record RunArtifact(string RunId, string Path, string Sha256, long Length, DateTimeOffset LoggedAt);
