namespace Lodestar.Governance.Audit;

/// <summary>
/// Append-only storage of the audit chain; implemented in Lodestar.Storage. The store serialises writers
/// (across processes) so that the chain never forks; the chain logic itself lives in <see cref="AuditTrail"/>.
/// </summary>
public interface IAuditStore
{
    /// <summary>
    /// Inside one exclusive write transaction: reads the head, calls <paramref name="seal"/> and stores what it returns.
    /// </summary>
    Task<AuditSeal> CommitAsync(Func<AuditHead, AuditSeal> seal, CancellationToken cancellationToken = default);

    /// <summary>Records with a sequence of at least <paramref name="fromSequence"/>, in sequence order.</summary>
    IAsyncEnumerable<AuditRecord> ReadAsync(long fromSequence, CancellationToken cancellationToken = default);

    /// <summary>Every checkpoint, in sequence order.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken = default);
}
