using Lodestar.Core;
using Lodestar.Governance.Audit;
using Lodestar.Storage.Sqlite.Governance;

namespace Lodestar.Storage.Tests.Governance;

/// <summary>
/// Tampers with the SQLite file directly, as an attacker with file access would (dropping the append-only
/// triggers first), and checks that verification names the first bad record.
/// </summary>
public sealed class AuditTamperTests : IDisposable
{
    private const int Interval = 5;
    private const string DropGuards = """
        DROP TRIGGER audit_records_no_update; DROP TRIGGER audit_records_no_delete;
        DROP TRIGGER audit_checkpoints_no_update; DROP TRIGGER audit_checkpoints_no_delete;
        """;

    private readonly GovernanceDatabase _database = new();

    [Fact]
    public async Task VerifyAsync_UntouchedTrail_IsIntact()
    {
        var trail = await TrailWithRecordsAsync(12);

        var result = await trail.VerifyAsync();

        Assert.True(result.Intact, result.Problem?.Message);
        Assert.Equal((12L, 2), (result.RecordsChecked, result.Checkpoints));
    }

    [Fact]
    public async Task Update_WithoutDroppingTriggers_IsRefused()
    {
        await TrailWithRecordsAsync(3);

        var error = Assert.ThrowsAny<Exception>(() => _database.Execute("UPDATE audit_records SET actor = 'x' WHERE sequence = 2"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_AlteredRecord_NamesIt()
    {
        var trail = await TrailWithRecordsAsync(12);
        Tamper("UPDATE audit_records SET actor = 'mallory' WHERE sequence = 7");

        AssertProblem(await trail.VerifyAsync(), 7, AuditProblemKind.Altered);
    }

    [Fact]
    public async Task VerifyAsync_DeletedRecord_NamesMissingSequence()
    {
        var trail = await TrailWithRecordsAsync(12);
        Tamper("DELETE FROM audit_records WHERE sequence = 8");

        AssertProblem(await trail.VerifyAsync(), 8, AuditProblemKind.Missing);
    }

    [Fact]
    public async Task VerifyAsync_DeletedAndRenumbered_NamesFirstRecordThatNoLongerChains()
    {
        var trail = await TrailWithRecordsAsync(12);
        // Remove 4 and shift 5..12 down so the sequence has no gap; hashes are left as they were.
        Tamper("DELETE FROM audit_records WHERE sequence = 4; UPDATE audit_records SET sequence = -(sequence - 1) WHERE sequence > 4; UPDATE audit_records SET sequence = -sequence WHERE sequence < 0;");

        AssertProblem(await trail.VerifyAsync(), 4, AuditProblemKind.Altered);
    }

    [Fact]
    public async Task VerifyAsync_InsertedRecordWithValidHash_NamesRecordAfterIt()
    {
        var trail = await TrailWithRecordsAsync(12);
        var records = await ReadAsync();
        // A forged record 6 that chains correctly from 5 and hashes correctly; the old 6.. move up by one.
        var forged = records[4] with { Sequence = 6, Actor = "mallory", PreviousHash = records[4].Hash };
        forged = forged with { Hash = forged.ComputeHash() };
        Tamper($"""
            UPDATE audit_records SET sequence = -(sequence + 1) WHERE sequence >= 6; UPDATE audit_records SET sequence = -sequence WHERE sequence < 0;
            INSERT INTO audit_records VALUES (6, '{SqliteValues.Time(forged.Timestamp)}', 'default', 'mallory', '{forged.Action}', '{forged.Target}', '{forged.DetailsJson}', '{forged.PreviousHash}', '{forged.Hash}');
            """);

        // Record 6 is now self-consistent; the old record 6, renumbered to 7, is the first that fails.
        var result = await trail.VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(7, result.Problem!.Sequence);
    }

    [Fact]
    public async Task VerifyAsync_UnreadableTimestamp_ErrorNamesRecord()
    {
        var trail = await TrailWithRecordsAsync(4);
        Tamper("UPDATE audit_records SET timestamp = 'yesterday' WHERE sequence = 2");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => trail.VerifyAsync());

        Assert.Contains("audit record 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_RecordInsertedBeforeFirst_NamesIt()
    {
        var trail = await TrailWithRecordsAsync(3);
        Tamper($"INSERT INTO audit_records VALUES (0, '{SqliteValues.Time(DateTimeOffset.UtcNow)}', 'default', 'mallory', 'x', 'y', '{{}}', '{AuditHead.Genesis}', 'z')");

        AssertProblem(await trail.VerifyAsync(), 0, AuditProblemKind.BrokenLink);
    }

    [Fact]
    public async Task VerifyAsync_SwappedRecords_NamesFirstOfThem()
    {
        var trail = await TrailWithRecordsAsync(12);
        Tamper("UPDATE audit_records SET sequence = -1 WHERE sequence = 3; UPDATE audit_records SET sequence = 3 WHERE sequence = 4; UPDATE audit_records SET sequence = 4 WHERE sequence = -1;");

        AssertProblem(await trail.VerifyAsync(), 3, AuditProblemKind.Altered);
    }

    [Fact]
    public async Task VerifyAsync_WholeChainRewrittenWithValidHashes_CaughtAtCheckpoint()
    {
        var trail = await TrailWithRecordsAsync(12);
        var records = await ReadAsync();
        // The attacker changes record 3 and recomputes every later hash: the chain itself is consistent again.
        var previous = records[1].Hash;
        var statements = new List<string>();
        foreach (var record in records.Skip(2))
        {
            var changed = record with { Actor = record.Sequence == 3 ? "mallory" : record.Actor, PreviousHash = previous };
            changed = changed with { Hash = changed.ComputeHash() };
            statements.Add($"UPDATE audit_records SET actor = '{changed.Actor}', prev_hash = '{changed.PreviousHash}', hash = '{changed.Hash}' WHERE sequence = {changed.Sequence};");
            previous = changed.Hash;
        }

        Tamper(string.Join('\n', statements));

        AssertProblem(await trail.VerifyAsync(), 1, AuditProblemKind.Rewritten);
    }

    [Fact]
    public async Task VerifyAsync_TailTruncatedPastCheckpoint_ReportsTruncation()
    {
        var trail = await TrailWithRecordsAsync(12);
        Tamper("DELETE FROM audit_records WHERE sequence >= 9");

        AssertProblem(await trail.VerifyAsync(), 9, AuditProblemKind.Truncated);
    }

    [Fact]
    public async Task VerifyAsync_ForgedCheckpoint_NamesIt()
    {
        var trail = await TrailWithRecordsAsync(12);
        Tamper("UPDATE audit_checkpoints SET next_due = 1000 WHERE sequence = 10");

        AssertProblem(await trail.VerifyAsync(), 10, AuditProblemKind.ForgedCheckpoint);
    }

    [Fact]
    public async Task VerifyAsync_CheckpointDeleted_ReportsMissingCheckpoint()
    {
        var trail = await TrailWithRecordsAsync(12);
        Tamper("DELETE FROM audit_checkpoints WHERE sequence = 10");

        AssertProblem(await trail.VerifyAsync(), 6, AuditProblemKind.MissingCheckpoint);
    }

    [Fact]
    public async Task VerifyAsync_AllCheckpointsDeleted_ReportsFirstMissingCheckpoint()
    {
        var trail = await TrailWithRecordsAsync(12);
        Tamper("DELETE FROM audit_checkpoints");

        AssertProblem(await trail.VerifyAsync(), 1, AuditProblemKind.MissingCheckpoint);
    }

    [Fact]
    public async Task VerifyAsync_KeyFileLost_RefusesToVerify()
    {
        await TrailWithRecordsAsync(6);
        File.Delete(_database.KeyPath);

        var error = await Assert.ThrowsAsync<LodestarException>(() => _database.CreateTrail(Interval).VerifyAsync());

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
    }

    [Fact]
    public async Task CheckpointAsync_OnDemand_SignsCurrentEndAndMovesNextDue()
    {
        var trail = await TrailWithRecordsAsync(7);

        var checkpoint = await trail.CheckpointAsync();
        var again = await trail.CheckpointAsync();
        await AppendAsync(trail, 5);

        Assert.Equal((7L, 12L), (checkpoint.Sequence, checkpoint.NextDue));
        Assert.Equal(checkpoint, again);
        Assert.True((await trail.VerifyAsync()).Intact);
        Assert.Equal([5L, 7L, 12L], (await new SqliteAuditStore(_database.Schema).ReadCheckpointsAsync()).Select(c => c.Sequence));
    }

    [Fact]
    public async Task CheckpointAsync_EmptyTrail_ThrowsInvalid()
    {
        var error = await Assert.ThrowsAsync<LodestarException>(() => _database.CreateTrail(Interval).CheckpointAsync());

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    public void Dispose() => _database.Dispose();

    private async Task<AuditTrail> TrailWithRecordsAsync(int count)
    {
        var trail = _database.CreateTrail(Interval);
        await AppendAsync(trail, count);
        return trail;
    }

    private static async Task AppendAsync(AuditTrail trail, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await trail.AppendAsync(new AuditEvent("default", "admin", "doc.read", "doc:" + i, new Dictionary<string, string> { ["i"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        }
    }

    private Task<List<AuditRecord>> ReadAsync() => new SqliteAuditStore(_database.Schema).ReadAsync(1).ToListAsync().AsTask();

    private void Tamper(string sql) => _database.Execute(DropGuards + sql);

    private static void AssertProblem(AuditVerification result, long sequence, AuditProblemKind kind)
    {
        Assert.False(result.Intact);
        Assert.Equal((sequence, kind), (result.Problem!.Sequence, result.Problem.Kind));
    }
}
