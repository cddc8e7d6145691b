using Lodestar.Models.Registry;
using Lodestar.Models.Training;

namespace Lodestar.Server.Endpoints;

/// <summary>A version as JSON: its immutable fields, then lineage (author, run, training data SHA-256, code version) and tags.</summary>
internal sealed record VersionView(
    string Name,
    int Version,
    string RunId,
    string Algorithm,
    string ArtifactSha256,
    ModelSignature Signature,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset CreatedAt,
    string? Author,
    string? DatasetSha256,
    string? CodeVersion,
    IReadOnlyDictionary<string, string> Tags)
{
    public static VersionView From(VersionDetails details)
    {
        var v = details.Version;
        return new VersionView(v.Name, v.Version, v.RunId, v.Algorithm, v.ArtifactSha256, v.Signature, v.Metrics, v.CreatedAt, details.Author, details.DatasetSha256, details.CodeVersion, details.Tags);
    }
}
