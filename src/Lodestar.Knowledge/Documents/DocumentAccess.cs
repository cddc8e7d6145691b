using Lodestar.Core;

namespace Lodestar.Knowledge.Documents;

/// <summary>A document's effective ACL and where it comes from: <c>override</c> (set over HTTP) or <c>ingest</c> (sidecars, or open).</summary>
public sealed record DocumentAccess(string DocumentId, IReadOnlyList<string> Allow, IReadOnlyList<string> Deny, string Source, string? SetBy, DateTimeOffset? SetAt)
{
    public const string OverrideSource = "override";
    public const string IngestSource = "ingest";

    /// <summary>
    /// Identifies this state of the ACL (the HTTP ETag): a hash of where it comes from, who set it when, and the lists.
    /// A PUT with a stale version (If-Match) is a Conflict, so of two writers who read the same state only one wins.
    /// </summary>
    public string Version =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n',
            Source, SetBy ?? string.Empty, SetAt?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, string.Join(',', Allow), string.Join(',', Deny)))))[..20];
}
