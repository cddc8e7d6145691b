namespace Lodestar.Governance.Audit;

/// <summary>The outcome of walking the chain: intact, or the first problem found.</summary>
public sealed record AuditVerification(bool Intact, long RecordsChecked, int Checkpoints, long LastSequence, AuditProblem? Problem);
