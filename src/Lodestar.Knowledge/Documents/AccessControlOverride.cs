using Lodestar.Core;

namespace Lodestar.Knowledge.Documents;

/// <summary>An ACL set over HTTP, with the ingested ACL it replaced (restored when the override is cleared).</summary>
public sealed record AccessControlOverride(string DocumentId, AccessControlList Acl, AccessControlList Replaced, string SetBy, DateTimeOffset SetAt);
