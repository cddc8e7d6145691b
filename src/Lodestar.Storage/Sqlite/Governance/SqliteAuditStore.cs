using System.Runtime.CompilerServices;
using Lodestar.Governance.Audit;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite.Governance;

/// <summary>
/// The audit chain in <c>audit_records</c> and <c>audit_checkpoints</c>. Writers take SQLite's write lock up
/// front (BEGIN IMMEDIATE), so two processes read the same head only one after the other and never fork the chain.
/// </summary>
internal sealed class SqliteAuditStore(GovernanceSchema schema) : IAuditStore
{
    private const string RecordColumns = "sequence, timestamp, tenant_id, actor, action, target, details_json, prev_hash, hash";
    private const string CheckpointColumns = "sequence, hash, next_due, created_at, mac";

    public async Task<AuditSeal> CommitAsync(Func<AuditHead, AuditSeal> seal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seal);
        await using var connection = await schema.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var head = await ReadHeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var result = seal(head);
        if (result.Record is { } record)
        {
            await InsertAsync(connection, transaction, record, cancellationToken).ConfigureAwait(false);
        }

        if (result.Checkpoint is { } checkpoint)
        {
            await InsertAsync(connection, transaction, checkpoint, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async IAsyncEnumerable<AuditRecord> ReadAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await schema.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RecordColumns} FROM audit_records WHERE sequence >= $from ORDER BY sequence";
        command.Parameters.AddWithValue("$from", fromSequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadRecord(reader);
        }
    }

    public Task<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken = default) =>
        schema.QueryAsync($"SELECT {CheckpointColumns} FROM audit_checkpoints ORDER BY sequence", null, ReadCheckpoint, cancellationToken);

    private static async Task<AuditHead> ReadHeadAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        long sequence = 0;
        var hash = AuditHead.Genesis;
        await using (var last = connection.CreateCommand())
        {
            last.Transaction = transaction;
            last.CommandText = "SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1";
            await using var reader = await last.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sequence = reader.GetInt64(0);
                hash = reader.GetString(1);
            }
        }

        AuditCheckpoint? checkpoint = null;
        await using (var lastCheckpoint = connection.CreateCommand())
        {
            lastCheckpoint.Transaction = transaction;
            lastCheckpoint.CommandText = $"SELECT {CheckpointColumns} FROM audit_checkpoints ORDER BY sequence DESC LIMIT 1";
            await using var reader = await lastCheckpoint.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                checkpoint = ReadCheckpoint(reader);
            }
        }

        return new AuditHead(sequence, hash, checkpoint);
    }

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, AuditRecord record, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO audit_records ({RecordColumns}) VALUES ($sequence, $timestamp, $tenant, $actor, $action, $target, $details, $prev, $hash)";
        command.Parameters.AddWithValue("$sequence", record.Sequence);
        command.Parameters.AddWithValue("$timestamp", SqliteValues.Time(record.Timestamp));
        command.Parameters.AddWithValue("$tenant", record.TenantId);
        command.Parameters.AddWithValue("$actor", record.Actor);
        command.Parameters.AddWithValue("$action", record.Action);
        command.Parameters.AddWithValue("$target", record.Target);
        command.Parameters.AddWithValue("$details", record.DetailsJson);
        command.Parameters.AddWithValue("$prev", record.PreviousHash);
        command.Parameters.AddWithValue("$hash", record.Hash);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO audit_checkpoints ({CheckpointColumns}) VALUES ($sequence, $hash, $due, $created, $mac)";
        command.Parameters.AddWithValue("$sequence", checkpoint.Sequence);
        command.Parameters.AddWithValue("$hash", checkpoint.Hash);
        command.Parameters.AddWithValue("$due", checkpoint.NextDue);
        command.Parameters.AddWithValue("$created", SqliteValues.Time(checkpoint.CreatedAt));
        command.Parameters.AddWithValue("$mac", checkpoint.Mac);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static AuditRecord ReadRecord(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        ReadRecordTime(reader),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.GetString(8));

    /// <summary>Only a tampered file holds an unreadable timestamp; name the record instead of failing anonymously.</summary>
    private static DateTimeOffset ReadRecordTime(SqliteDataReader reader)
    {
        try
        {
            return SqliteValues.ReadTime(reader, 1);
        }
        catch (FormatException error)
        {
            throw new InvalidDataException($"audit record {reader.GetInt64(0)} has a malformed timestamp (altered); the trail is not intact", error);
        }
    }

    private static AuditCheckpoint ReadCheckpoint(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt64(2),
        SqliteValues.ReadTime(reader, 3),
        reader.GetString(4));
}
