using Lodestar.Governance.Audit;

namespace Lodestar.Governance.Tests.Audit;

public sealed class AuditHasherTests
{
    private static readonly AuditRecord Sample = new(
        7, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "default", "admin", "user.added", "user:alice", """{"roles":"member"}""", AuditHead.Genesis, "");

    [Fact]
    public void RecordHash_SameRecord_IsStableLowerHex()
    {
        var hash = AuditHasher.RecordHash(Sample);

        Assert.Equal(hash, AuditHasher.RecordHash(Sample with { }));
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void RecordHash_AnyFieldChanged_ChangesHash()
    {
        var original = AuditHasher.RecordHash(Sample);
        AuditRecord[] variants =
        [
            Sample with { Sequence = 8 },
            Sample with { Timestamp = Sample.Timestamp.AddTicks(1) },
            Sample with { TenantId = "acme" },
            Sample with { Actor = "bob" },
            Sample with { Action = "user.removed" },
            Sample with { Target = "user:bob" },
            Sample with { DetailsJson = """{"roles":"admin"}""" },
            Sample with { PreviousHash = new string('1', 64) },
        ];

        foreach (var variant in variants)
        {
            Assert.NotEqual(original, AuditHasher.RecordHash(variant));
        }
    }

    [Fact]
    public void RecordHash_ShiftedFieldBoundary_ChangesHash()
    {
        Assert.NotEqual(
            AuditHasher.RecordHash(Sample with { Actor = "ad", Action = "minuser.added" }),
            AuditHasher.RecordHash(Sample with { Actor = "admin", Action = "user.added" }));
    }

    [Fact]
    public void CheckpointMac_OtherKey_DoesNotValidate()
    {
        var key = new byte[32];
        var time = Sample.Timestamp;
        var checkpoint = new AuditCheckpoint(7, "ab", 107, time, AuditHasher.CheckpointMac(key, 7, "ab", 107, time));
        var otherKey = new byte[32];
        otherKey[0] = 1;

        Assert.True(AuditHasher.IsValid(key, checkpoint));
        Assert.False(AuditHasher.IsValid(otherKey, checkpoint));
        Assert.False(AuditHasher.IsValid(key, checkpoint with { NextDue = 108 }));
    }

    [Fact]
    public void ToCanonicalJson_KeysInAnyOrder_SameText()
    {
        var first = AuditDetails.ToCanonicalJson(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        var second = AuditDetails.ToCanonicalJson(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });

        Assert.Equal("""{"a":"1","b":"2"}""", first);
        Assert.Equal(first, second);
        Assert.Equal("{}", AuditDetails.ToCanonicalJson(null));
    }
}
