using Lodestar.Models.Training;

namespace Lodestar.Models.Registry;

/// <summary>An immutable registered version: which run produced it, where its artifact is, its signature and metrics.</summary>
public sealed record ModelVersion(
    string Name,
    int Version,
    string RunId,
    string Algorithm,
    string ArtifactSha256,
    ModelSignature Signature,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset CreatedAt);
