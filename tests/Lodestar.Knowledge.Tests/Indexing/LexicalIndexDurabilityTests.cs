using Lodestar.Core;
using Lodestar.Knowledge.Indexing;
using static Lodestar.Knowledge.Tests.Indexing.IndexTestData;

namespace Lodestar.Knowledge.Tests.Indexing;

public sealed class LexicalIndexDurabilityTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lodestar-lexical-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void CommitTwoGenerations()
    {
        using var index = LexicalIndex.Open(_directory, PlainOptions);
        index.Add([Chunk("a1", "A", "alpha shared"), Chunk("b1", "B", "beta shared")]);
        index.Commit();
        index.Add([Chunk("c1", "C", "gamma shared")]);
        index.DeleteDocument("B");
        index.Commit();
    }

    private string SegmentFile() => Directory.GetFiles(_directory, "*.lxs").Order().First();

    [Fact]
    public void Open_AfterCommits_RestoresSameStateAndResults()
    {
        // Arrange
        CommitTwoGenerations();

        // Act
        using var reopened = LexicalIndex.Open(_directory, PlainOptions);

        // Assert
        Assert.Equal(2, reopened.Generation);
        Assert.Equal(2, reopened.Count);
        Assert.Equal(["a1", "c1"], ChunkIds(reopened.Search("shared", 5)).Order());
        Assert.Empty(reopened.Search("beta", 5));
    }

    [Fact]
    public void Commit_AfterReopen_ContinuesGenerationAndKeepsOldData()
    {
        // Arrange
        CommitTwoGenerations();
        using (var index = LexicalIndex.Open(_directory, PlainOptions))
        {
            // Act
            index.Add([Chunk("d1", "D", "delta shared")]);
            index.Commit();
        }

        using var reopened = LexicalIndex.Open(_directory, PlainOptions);

        // Assert
        Assert.Equal(3, reopened.Generation);
        Assert.Equal(3, reopened.Count);
        Assert.Equal(["d1"], ChunkIds(reopened.Search("delta", 5)));
    }

    [Fact]
    public void Open_CorruptSegmentByte_ThrowsInvalidNamingFile()
    {
        // Arrange
        CommitTwoGenerations();
        var segment = SegmentFile();
        var bytes = File.ReadAllBytes(segment);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(segment, bytes);

        // Act
        var error = Assert.Throws<LodestarException>(() => LexicalIndex.Open(_directory, PlainOptions));

        // Assert
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains(Path.GetFileName(segment), error.Message);
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void Open_TruncatedManifest_ThrowsInvalid()
    {
        // Arrange
        CommitTwoGenerations();
        var manifest = Path.Combine(_directory, "manifest.lxm");
        File.WriteAllBytes(manifest, File.ReadAllBytes(manifest)[..10]);

        // Act
        var error = Assert.Throws<LodestarException>(() => LexicalIndex.Open(_directory, PlainOptions));

        // Assert
        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void Open_MissingReferencedSegment_ThrowsInvalid()
    {
        // Arrange
        CommitTwoGenerations();
        File.Delete(SegmentFile());

        // Act
        var error = Assert.Throws<LodestarException>(() => LexicalIndex.Open(_directory, PlainOptions));

        // Assert
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void Open_CrashLeftTempFilesAndTornSegment_LoadsLastCommitAndCleansUp()
    {
        // Arrange: a commit interrupted after writing a segment and part of a manifest.
        CommitTwoGenerations();
        File.WriteAllBytes(Path.Combine(_directory, "manifest.lxm.tmp"), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(_directory, "seg_00000099.lxs"), [0x4C, 0x58, 0x53]);
        File.WriteAllBytes(Path.Combine(_directory, "seg_00000100.lxs.tmp"), new byte[100]);

        // Act
        using var index = LexicalIndex.Open(_directory, PlainOptions);

        // Assert
        Assert.Equal(2, index.Generation);
        Assert.Equal(["a1", "c1"], ChunkIds(index.Search("shared", 5)).Order());
        Assert.False(File.Exists(Path.Combine(_directory, "seg_00000099.lxs")));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public void Open_CrashBeforeFirstManifest_OpensEmpty()
    {
        // Arrange
        Directory.CreateDirectory(_directory);
        File.WriteAllBytes(Path.Combine(_directory, "seg_00000001.lxs"), new byte[64]);

        // Act
        using var index = LexicalIndex.Open(_directory, PlainOptions);

        // Assert
        Assert.Equal(0, index.Count);
        Assert.Equal(0, index.Generation);
    }

    [Fact]
    public void Open_WithDifferentAnalysis_ThrowsInvalid()
    {
        // Arrange: built without stemming, reopened with the English analyzer.
        CommitTwoGenerations();

        // Act
        var error = Assert.Throws<LodestarException>(() => LexicalIndex.Open(_directory));

        // Assert
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("different analysis settings", error.Message);
    }

    [Fact]
    public void Open_ManifestFormatVersion1_OpensAndUpgradesOnCommit()
    {
        // Arrange: a version 1 manifest (no analysis fingerprint) naming no segments, generation 7.
        Directory.CreateDirectory(_directory);
        var v1 = new ByteWriter();
        v1.WriteUInt32(0x464D_584C);
        v1.WriteUInt32(1);
        v1.WriteVarUInt(7);
        v1.WriteVarUInt(1);
        v1.WriteVarUInt(0);
        v1.WriteChecksum();
        File.WriteAllBytes(Path.Combine(_directory, "manifest.lxm"), v1.WrittenSpan.ToArray());

        // Act
        using (var index = LexicalIndex.Open(_directory, PlainOptions))
        {
            index.Add([Chunk("a1", "A", "alpha")]);
            index.Commit();
        }

        // Assert: reopening with other analysis settings is now refused, so the fingerprint was written.
        Assert.Throws<LodestarException>(() => LexicalIndex.Open(_directory));
        using var reopened = LexicalIndex.Open(_directory, PlainOptions);
        Assert.Equal(8, reopened.Generation);
        Assert.Equal(["a1"], ChunkIds(reopened.Search("alpha", 5)));
    }

    [Fact]
    public void Open_WhileAnotherInstanceHoldsIt_ThrowsConflict()
    {
        // Arrange
        using var first = LexicalIndex.Open(_directory, PlainOptions);

        // Act
        var error = Assert.Throws<LodestarException>(() => LexicalIndex.Open(_directory, PlainOptions));

        // Assert
        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }
}
