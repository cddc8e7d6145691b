namespace Lodestar.Knowledge.Documents;

/// <summary>What incremental sync compares: a source's content hash and the key of its ACL.</summary>
public sealed record DocumentFingerprint(string DocumentId, string Origin, string Source, string ContentHash, string AclKey);
