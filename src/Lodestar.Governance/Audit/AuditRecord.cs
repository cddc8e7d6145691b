namespace Lodestar.Governance.Audit;

/// <summary>
/// One link of the audit chain. <see cref="Hash"/> is SHA-256 over the canonical form of every other field,
/// including <see cref="Sequence"/> and <see cref="PreviousHash"/>, so a record cannot move or change unnoticed.
/// </summary>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset Timestamp,
    string TenantId,
    string Actor,
    string Action,
    string Target,
    string DetailsJson,
    string PreviousHash,
    string Hash)
{
    /// <summary>The canonical SHA-256 of this record's content, for checking an exported trail outside Lodestar.</summary>
    public string ComputeHash() => AuditHasher.RecordHash(this);
}
