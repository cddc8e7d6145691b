using System.Runtime.CompilerServices;
using Lodestar.Governance.Audit;
using Npgsql;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Governance;

/// <summary>
/// The audit chain in PostgreSQL. A writer locks <c>audit_records</c> in EXCLUSIVE mode (readers still read) before
/// reading the head, so two nodes append one after the other and never fork the chain.
/// </summary>
internal sealed class PostgresAuditStore(PostgresDatabase database) : IAuditStore
{
    private const string RecordColumns = "sequence, timestamp, tenant_id, actor, action, target, details_json, prev_hash, hash";
    private const string CheckpointColumns = "sequence, hash, next_due, created_at, mac";

    public Task<AuditSeal> CommitAsync(Func<AuditHead, AuditSeal> seal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seal);
        return database.WriteAsync(PostgresGovernanceSchema.Module, async (connection, transaction, token) =>
        {
            await ExecuteAsync(connection, transaction, "LOCK TABLE audit_records IN EXCLUSIVE MODE", token).ConfigureAwait(false);
            var last = await QueryAsync(connection, transaction, "SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1", r => (r.GetInt64(0), r.GetString(1)), token).ConfigureAwait(false);
            var checkpoints = await QueryAsync(connection, transaction, $"SELECT {CheckpointColumns} FROM audit_checkpoints ORDER BY sequence DESC LIMIT 1", ReadCheckpoint, token).ConfigureAwait(false);
            var (sequence, hash) = last.Count == 0 ? (0L, AuditHead.Genesis) : last[0];
            var result = seal(new AuditHead(sequence, hash, checkpoints.Count == 0 ? null : checkpoints[0]));
            if (result.Record is { } record)
            {
                await ExecuteAsync(connection, transaction, $"INSERT INTO audit_records ({RecordColumns}) VALUES (@sequence, @timestamp, @tenant, @actor, @action, @target, @details, @prev, @hash)", token,
                    ("sequence", record.Sequence), ("timestamp", Time(record.Timestamp)), ("tenant", record.TenantId), ("actor", record.Actor), ("action", record.Action),
                    ("target", record.Target), ("details", record.DetailsJson), ("prev", record.PreviousHash), ("hash", record.Hash)).ConfigureAwait(false);
            }

            if (result.Checkpoint is { } checkpoint)
            {
                await ExecuteAsync(connection, transaction, $"INSERT INTO audit_checkpoints ({CheckpointColumns}) VALUES (@sequence, @hash, @due, @created, @mac)", token,
                    ("sequence", checkpoint.Sequence), ("hash", checkpoint.Hash), ("due", checkpoint.NextDue), ("created", Time(checkpoint.CreatedAt)), ("mac", checkpoint.Mac)).ConfigureAwait(false);
            }

            return result;
        }, cancellationToken);
    }

    public async IAsyncEnumerable<AuditRecord> ReadAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Pages keep memory flat on long trails without holding a connection across the caller's awaits.
        const int Page = 1000;
        var next = fromSequence;
        while (true)
        {
            var from = next;
            var page = await database.ReadAsync(PostgresGovernanceSchema.Module, (connection, token) =>
                QueryAsync(connection, null, $"SELECT {RecordColumns} FROM audit_records WHERE sequence >= @from ORDER BY sequence LIMIT {Page}", ReadRecord, token, ("from", from)), cancellationToken).ConfigureAwait(false);
            foreach (var record in page)
            {
                yield return record;
            }

            if (page.Count < Page)
            {
                yield break;
            }

            next = page[^1].Sequence + 1;
        }
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken = default) =>
        await database.ReadAsync(PostgresGovernanceSchema.Module, (connection, token) =>
            QueryAsync(connection, null, $"SELECT {CheckpointColumns} FROM audit_checkpoints ORDER BY sequence", ReadCheckpoint, token), cancellationToken).ConfigureAwait(false);

    private static AuditRecord ReadRecord(NpgsqlDataReader reader)
    {
        DateTimeOffset timestamp;
        try
        {
            timestamp = ReadTime(reader, 1);
        }
        catch (FormatException error)
        {
            // Only a tampered database holds an unreadable timestamp; name the record instead of failing anonymously.
            throw new InvalidDataException($"audit record {reader.GetInt64(0)} has a malformed timestamp (altered); the trail is not intact", error);
        }

        return new AuditRecord(reader.GetInt64(0), timestamp, reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8));
    }

    private static AuditCheckpoint ReadCheckpoint(NpgsqlDataReader reader) => new(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), ReadTime(reader, 3), reader.GetString(4));
}
