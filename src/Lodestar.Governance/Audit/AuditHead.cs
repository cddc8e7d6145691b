namespace Lodestar.Governance.Audit;

/// <summary>The end of the chain as seen inside the store's write lock (sequence 0 and <see cref="Genesis"/> when empty).</summary>
public sealed record AuditHead(long Sequence, string Hash, AuditCheckpoint? LastCheckpoint)
{
    /// <summary>The previous hash of record 1.</summary>
    public static readonly string Genesis = new('0', 64);
}
