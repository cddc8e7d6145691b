namespace Lodestar.Governance.Audit;

/// <summary>The end of the chain as seen inside the store's write lock (sequence 0 and the genesis hash when empty).</summary>
public sealed record AuditHead(long Sequence, string Hash, AuditCheckpoint? LastCheckpoint);
