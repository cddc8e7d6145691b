using Lodestar.Core;

namespace Lodestar.Knowledge.Documents;

/// <summary>A document's effective ACL and where it comes from: <c>override</c> (set over HTTP) or <c>ingest</c> (sidecars, or open).</summary>
public sealed record DocumentAccess(string DocumentId, IReadOnlyList<string> Allow, IReadOnlyList<string> Deny, string Source, string? SetBy, DateTimeOffset? SetAt)
{
    public const string OverrideSource = "override";
    public const string IngestSource = "ingest";
}
