namespace Lodestar.Governance.Audit;

/// <summary>The outcome of walking the chain: intact, or the first problem found (<see cref="RecordsChecked"/> counts the good records before it).</summary>
public sealed record AuditVerification(bool Intact, long RecordsChecked, int Checkpoints, AuditProblem? Problem);
