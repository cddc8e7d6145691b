using Lodestar.Models.Training;

namespace Lodestar.Models.Registry;

/// <summary>What a caller supplies to register a version; the store assigns the number and the time.</summary>
public sealed record NewModelVersion(
    string Name,
    string RunId,
    string Algorithm,
    string ArtifactSha256,
    ModelSignature Signature,
    IReadOnlyDictionary<string, double> Metrics);
