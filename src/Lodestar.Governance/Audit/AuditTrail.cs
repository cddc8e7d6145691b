using Lodestar.Core;
using Microsoft.Extensions.Options;

namespace Lodestar.Governance.Audit;

/// <summary>
/// The tamper-evident audit trail: appends hash-chained records, signs a checkpoint every
/// <see cref="AuditOptions.CheckpointInterval"/> records (and on demand), verifies and exports the chain.
/// </summary>
public sealed class AuditTrail : IAuditLog
{
    private readonly IAuditStore _store;
    private readonly AuditKeyProvider _keys;
    private readonly TimeProvider _timeProvider;
    private readonly int _interval;

    public AuditTrail(IAuditStore store, AuditKeyProvider keys, IOptions<AuditOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _keys = keys;
        _timeProvider = timeProvider;
        _interval = options.Value.CheckpointInterval;
        if (_interval < 1)
        {
            throw LodestarException.Invalid($"audit checkpoint interval must be at least 1, not {_interval}");
        }
    }

    async ValueTask IAuditLog.AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
        await AppendAsync(auditEvent, cancellationToken).ConfigureAwait(false);

    public async Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        RequireText(auditEvent.TenantId, "tenant");
        RequireText(auditEvent.Actor, "actor");
        RequireText(auditEvent.Action, "action");
        RequireText(auditEvent.Target, "target");
        var details = AuditDetails.ToCanonicalJson(auditEvent.Details);
        var key = _keys.GetOrCreateKey();
        var seal = await _store.CommitAsync(
            head =>
            {
                var now = _timeProvider.GetUtcNow();
                var unsealed = new AuditRecord(head.Sequence + 1, now, auditEvent.TenantId, auditEvent.Actor, auditEvent.Action,
                    auditEvent.Target, details, head.Hash, string.Empty);
                var record = unsealed with { Hash = AuditHasher.RecordHash(unsealed) };
                var due = head.LastCheckpoint?.NextDue ?? _interval;
                return new AuditSeal(record, record.Sequence >= due ? Sign(key, record.Sequence, record.Hash, now) : null);
            },
            cancellationToken).ConfigureAwait(false);
        return seal.Record!;
    }

    /// <summary>Signs a checkpoint at the current end of the trail (or returns the one already there).</summary>
    public async Task<AuditCheckpoint> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        var key = _keys.GetOrCreateKey();
        AuditCheckpoint? result = null;
        await _store.CommitAsync(
            head =>
            {
                if (head.Sequence == 0)
                {
                    throw LodestarException.Invalid("the audit trail is empty; there is nothing to checkpoint");
                }

                if (head.LastCheckpoint?.Sequence == head.Sequence)
                {
                    result = head.LastCheckpoint;
                    return new AuditSeal(null, null);
                }

                result = Sign(key, head.Sequence, head.Hash, _timeProvider.GetUtcNow());
                return new AuditSeal(null, result);
            },
            cancellationToken).ConfigureAwait(false);
        return result!;
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var checkpoints = await _store.ReadCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        var key = _keys.GetExistingKey();
        if (key is null)
        {
            if (checkpoints.Count > 0)
            {
                throw new LodestarException(ErrorKind.Unavailable,
                    $"the audit key is missing (set {AuditKeyProvider.EnvironmentVariable} or restore {_keys.KeyFilePath}); checkpoints cannot be verified");
            }

            // Nothing was ever signed; a throwaway key verifies the hash chain alone.
            key = new byte[32];
        }

        return await AuditVerifier.VerifyAsync(_store.ReadAsync(long.MinValue, cancellationToken), checkpoints, key, _interval, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Writes the records (from <paramref name="since"/>, if given) as JSON lines and audits the export itself.</summary>
    public async Task<long> ExportAsync(Principal actor, TextWriter destination, DateTimeOffset? since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var count = await AuditJsonLines.WriteAsync(_store.ReadAsync(long.MinValue, cancellationToken), destination, since, cancellationToken).ConfigureAwait(false);
        var details = new Dictionary<string, string> { ["records"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (since is { } from)
        {
            details["since"] = AuditHasher.FormatTimestamp(from);
        }

        await AppendAsync(new AuditEvent(actor.TenantId, actor.UserId, "audit.exported", "audit", details), cancellationToken).ConfigureAwait(false);
        return count;
    }

    private AuditCheckpoint Sign(byte[] key, long sequence, string hash, DateTimeOffset now)
    {
        var nextDue = sequence + _interval;
        return new AuditCheckpoint(sequence, hash, nextDue, now, AuditHasher.CheckpointMac(key, sequence, hash, nextDue, now));
    }

    private static void RequireText(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw LodestarException.Invalid($"audit event {what} must not be empty");
        }
    }
}
