namespace Lodestar.Governance.Audit;

/// <summary>What one write adds to the trail: a record, a checkpoint, both, or nothing.</summary>
public sealed record AuditSeal(AuditRecord? Record, AuditCheckpoint? Checkpoint);
