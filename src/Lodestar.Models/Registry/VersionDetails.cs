namespace Lodestar.Models.Registry;

/// <summary>
/// A version with its lineage (who registered it, the run, the training data's SHA-256 and the code version)
/// and its mutable tags.
/// </summary>
public sealed record VersionDetails(
    ModelVersion Version,
    string? Author,
    string? DatasetSha256,
    string? CodeVersion,
    IReadOnlyDictionary<string, string> Tags);
