using Lodestar.Governance.Audit;

namespace Lodestar.Storage.Tests.Governance;

/// <summary>What every <see cref="IAuditStore"/> must do; one subclass per backend.</summary>
public abstract class AuditStoreContractTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    protected abstract IAuditStore CreateStore();

    [Fact]
    public async Task CommitAsync_EmptyStore_SeesGenesisHead()
    {
        AuditHead? seen = null;

        await CreateStore().CommitAsync(head => { seen = head; return new AuditSeal(null, null); });

        Assert.Equal(new AuditHead(0, AuditHead.Genesis, null), seen);
    }

    [Fact]
    public async Task CommitAsync_RecordAndCheckpoint_HeadAndReadsReflectThem()
    {
        var store = CreateStore();
        var checkpoint = new AuditCheckpoint(1, "h1", 11, Time, "mac");
        await store.CommitAsync(_ => new AuditSeal(Record(1, "h1"), checkpoint));
        await store.CommitAsync(_ => new AuditSeal(Record(2, "h2"), null));
        AuditHead? seen = null;

        await store.CommitAsync(head => { seen = head; return new AuditSeal(null, null); });

        Assert.Equal(new AuditHead(2, "h2", checkpoint), seen);
        Assert.Equal([checkpoint], await store.ReadCheckpointsAsync());
        Assert.Equal([Record(2, "h2")], await store.ReadAsync(2).ToListAsync());
        Assert.Equal([Record(1, "h1"), Record(2, "h2")], await store.ReadAsync(1).ToListAsync());
    }

    [Fact]
    public async Task CommitAsync_SealThrows_WritesNothing()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CommitAsync(_ => throw new InvalidOperationException("boom")));

        Assert.Empty(await store.ReadAsync(1).ToListAsync());
    }

    private static AuditRecord Record(long sequence, string hash) =>
        new(sequence, Time.AddSeconds(sequence), "default", "admin", "test", "t", "{}", "prev" + sequence, hash);
}
