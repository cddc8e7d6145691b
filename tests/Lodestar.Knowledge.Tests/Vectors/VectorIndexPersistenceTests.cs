using Lodestar.Core;
using Lodestar.Knowledge.Vectors;

namespace Lodestar.Knowledge.Tests.Vectors;

public sealed class VectorIndexPersistenceTests : IDisposable
{
    private const int Dimensions = 32;
    private readonly TempDirectory _temp = new();
    private readonly float[] _data = TestVectors.Clustered(1_201, Dimensions, 10, seed: 21);

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(VectorIndexKind.Hnsw)]
    [InlineData(VectorIndexKind.Flat)]
    public void Open_AfterIncrementalCommits_RestoresLastCommittedState(VectorIndexKind kind)
    {
        var options = new VectorIndexOptions(Dimensions, kind, EfConstruction: 64);
        using (var index = VectorIndex.Open(_temp.Path, options))
        {
            VectorIndexTests.Fill(index, _data, 600);
            index.Commit();
            VectorIndexTests.Fill(index, _data, 1_200, start: 600);
            index.DeleteDocument("d5");
            index.Commit();
            index.Add("uncommitted", "d1", TestVectors.Row(_data, Dimensions, 0));
        }

        using var reopened = VectorIndex.Open(_temp.Path, options);
        var query = TestVectors.Row(_data, Dimensions, 1_200);

        Assert.Equal(2, reopened.Generation);
        Assert.Equal(1_188, reopened.Count);
        Assert.Equal(VectorIndexTests.BruteForce(_data, 1_200, query, 10, i => i % 100 != 5), reopened.Search(query, 10).Select(h => h.ChunkId));
        Assert.Single(Directory.GetFiles(_temp.Path, "*.lvx"));
    }

    [Fact]
    public void Commit_NothingChanged_KeepsGeneration()
    {
        using var index = VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions));
        VectorIndexTests.Fill(index, _data, 10);
        index.Commit();

        index.Commit();

        Assert.Equal(1, index.Generation);
    }

    [Fact]
    public void Open_StoredWithOtherDimensions_ThrowsInvalid()
    {
        using (var index = VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions)))
        {
            VectorIndexTests.Fill(index, _data, 10);
            index.Commit();
        }

        var error = Assert.Throws<LodestarException>(() => VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions + 1)));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("32-dimensional", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FlippedByteInCommittedFile_ThrowsInvalidNamingChecksum()
    {
        using (var index = VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions)))
        {
            VectorIndexTests.Fill(index, _data, 100);
            index.Commit();
        }

        var file = Directory.GetFiles(_temp.Path, "*.lvx").Single();
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(file, bytes);

        var error = Assert.Throws<LodestarException>(() => VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions)));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("checksum mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TornTempFileFromCrashedCommit_IgnoresAndRemovesIt()
    {
        using (var index = VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions)))
        {
            VectorIndexTests.Fill(index, _data, 50);
            index.Commit();
        }

        var committed = Directory.GetFiles(_temp.Path, "*.lvx").Single();
        var torn = committed.Replace("000000000001.lvx", "000000000002.lvx.tmp", StringComparison.Ordinal);
        File.WriteAllBytes(torn, File.ReadAllBytes(committed).AsSpan(0, 700).ToArray());

        using var reopened = VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions));

        Assert.Equal(1, reopened.Generation);
        Assert.Equal(50, reopened.Count);
        Assert.False(File.Exists(torn));
    }

    [Fact]
    public void Open_DirectoryAlreadyOpen_ThrowsConflict()
    {
        using var first = VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions));

        var error = Assert.Throws<LodestarException>(() => VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions)));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public void Open_StoredGraphWithOtherM_RebuildsGraphAndSearches()
    {
        using (var index = VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions, M: 8)))
        {
            VectorIndexTests.Fill(index, _data, 300);
            index.Commit();
        }

        using var reopened = VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions, M: 12));
        var query = TestVectors.Row(_data, Dimensions, 1_200);

        Assert.Equal(VectorIndexTests.BruteForce(_data, 300, query, 5, _ => true), reopened.Search(query, 5).Select(h => h.ChunkId));
    }
}
