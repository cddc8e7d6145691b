namespace Lodestar.Governance.Audit;

/// <summary>
/// Walks the chain once, in sequence order, checking each record's hash, its link to the previous record and,
/// where one exists, the signed checkpoint. Stops at the first bad record.
/// </summary>
internal static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(
        IAsyncEnumerable<AuditRecord> records,
        IReadOnlyList<AuditCheckpoint> checkpoints,
        byte[] key,
        int defaultInterval,
        CancellationToken cancellationToken)
    {
        var bySequence = new Dictionary<long, AuditCheckpoint>(checkpoints.Count);
        AuditProblem? checkpointProblem = null;
        foreach (var checkpoint in checkpoints)
        {
            if (!AuditHasher.IsValid(key, checkpoint))
            {
                checkpointProblem ??= new AuditProblem(checkpoint.Sequence, AuditProblemKind.ForgedCheckpoint,
                    $"the checkpoint at record {checkpoint.Sequence} has an invalid signature (forged or altered)");
                continue;
            }

            bySequence[checkpoint.Sequence] = checkpoint;
        }

        long expected = 1;
        long lastCheckpoint = 0;
        // Once any checkpoint exists, each one names the next; a later checkpoint also vouches for every record
        // before it, so only a trail that never got one is held to the configured interval.
        var nextDue = checkpoints.Count == 0 ? defaultInterval : long.MaxValue;
        var previousHash = AuditHead.Genesis;
        AuditProblem? recordProblem = null;
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (checkpointProblem is not null && record.Sequence >= checkpointProblem.Sequence)
            {
                break;
            }

            recordProblem = Check(record, expected, previousHash, bySequence, lastCheckpoint, nextDue);
            if (recordProblem is not null)
            {
                break;
            }

            if (bySequence.TryGetValue(record.Sequence, out var checkpoint))
            {
                lastCheckpoint = record.Sequence;
                nextDue = checkpoint.NextDue;
            }

            previousHash = record.Hash;
            expected++;
        }

        var lastSequence = expected - 1;
        if (recordProblem is null && checkpointProblem is null)
        {
            foreach (var checkpoint in bySequence.Values)
            {
                if (checkpoint.Sequence > lastSequence)
                {
                    recordProblem = new AuditProblem(lastSequence + 1, AuditProblemKind.Truncated,
                        $"records {lastSequence + 1}..{checkpoint.Sequence} are missing: the signed checkpoint at record {checkpoint.Sequence} points past the end of the trail (tail deleted)");
                    break;
                }
            }
        }

        var problem = recordProblem is null ? checkpointProblem
            : checkpointProblem is null || recordProblem.Sequence <= checkpointProblem.Sequence ? recordProblem
            : checkpointProblem;
        return new AuditVerification(problem is null, lastSequence, checkpoints.Count, problem);
    }

    private static AuditProblem? Check(
        AuditRecord record, long expected, string previousHash, Dictionary<long, AuditCheckpoint> checkpoints, long lastCheckpoint, long nextDue)
    {
        if (record.Sequence > expected)
        {
            return new AuditProblem(expected, AuditProblemKind.Missing,
                $"record {expected} is missing (the trail jumps from {expected - 1} to {record.Sequence})");
        }

        if (record.Sequence < expected)
        {
            return new AuditProblem(record.Sequence, AuditProblemKind.BrokenLink,
                $"a record numbered {record.Sequence} sits before record {expected} (sequences start at 1)");
        }

        if (!string.Equals(AuditHasher.RecordHash(record), record.Hash, StringComparison.Ordinal))
        {
            return new AuditProblem(record.Sequence, AuditProblemKind.Altered,
                $"record {record.Sequence} was altered: its content does not match its hash");
        }

        if (!string.Equals(record.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            return new AuditProblem(record.Sequence, AuditProblemKind.BrokenLink,
                $"record {record.Sequence} does not chain from record {record.Sequence - 1} (a record was inserted, removed or reordered)");
        }

        if (checkpoints.TryGetValue(record.Sequence, out var checkpoint))
        {
            return string.Equals(checkpoint.Hash, record.Hash, StringComparison.Ordinal) ? null
                : new AuditProblem(lastCheckpoint + 1, AuditProblemKind.Rewritten,
                    $"records {lastCheckpoint + 1}..{record.Sequence} were rewritten: record {record.Sequence} differs from its signed checkpoint");
        }

        return record.Sequence == nextDue
            ? new AuditProblem(lastCheckpoint + 1, AuditProblemKind.MissingCheckpoint,
                $"the signed checkpoint due at record {record.Sequence} is missing, so records {lastCheckpoint + 1}..{record.Sequence} cannot be trusted")
            : null;
    }
}
