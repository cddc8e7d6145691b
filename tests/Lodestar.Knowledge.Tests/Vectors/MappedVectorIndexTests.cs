using Lodestar.Core;
using Lodestar.Knowledge.Vectors;

namespace Lodestar.Knowledge.Tests.Vectors;

/// <summary>
/// A directory-backed index reads committed vectors through a memory map; an in-memory twin fed the same operations
/// keeps them on the heap. Both must answer every query identically (same ids, same scores) at every stage.
/// </summary>
public sealed class MappedVectorIndexTests : IDisposable
{
    private const int Dimensions = 32;
    private readonly TempDirectory _temp = new();
    private readonly float[] _data = TestVectors.Clustered(1_400, Dimensions, 12, seed: 33);

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(VectorIndexKind.Hnsw, false)]
    [InlineData(VectorIndexKind.Hnsw, true)]
    [InlineData(VectorIndexKind.Flat, true)]
    public void Search_MappedAcrossCommitsReopenInsertsDeletesAndCompaction_MatchesHeapIndex(VectorIndexKind kind, bool int8)
    {
        var options = new VectorIndexOptions(Dimensions, kind, M: 8, EfConstruction: 32, EfSearch: 32, Int8Quantization: int8, RescoreCandidates: 2);
        using var heap = VectorIndex.CreateInMemory(options);
        var mapped = VectorIndex.Open(_temp.Path, options);
        try
        {
            Apply(heap, mapped, index => VectorIndexTests.Fill(index, _data, 600));
            AssertSameResults(heap, mapped);
            Apply(heap, mapped, index => index.Commit());
            AssertSameResults(heap, mapped);

            mapped.Dispose();
            mapped = VectorIndex.Open(_temp.Path, options);
            AssertSameResults(heap, mapped);

            Apply(heap, mapped, index => VectorIndexTests.Fill(index, _data, 900, start: 600));
            AssertSameResults(heap, mapped);
            Apply(heap, mapped, index =>
            {
                for (var document = 0; document < 30; document++)
                {
                    index.DeleteDocument("d" + document);
                }
            });
            AssertSameResults(heap, mapped);

            // 270 of 900 slots are tombstones: this commit compacts, and the compacted store is mapped in turn.
            Apply(heap, mapped, index => index.Commit());
            AssertSameResults(heap, mapped);
            Apply(heap, mapped, index => VectorIndexTests.Fill(index, _data, 1_000, start: 900));
            Apply(heap, mapped, index => index.Commit());

            mapped.Dispose();
            mapped = VectorIndex.Open(_temp.Path, options);
            Assert.Equal(heap.Count, mapped.Count);
            AssertSameResults(heap, mapped);
        }
        finally
        {
            mapped.Dispose();
        }
    }

    [Fact]
    public void Commit_SeveralGenerationsAndCompaction_MapsOnlyTheNewestAndUnmapsOnDispose()
    {
        // Reads /proc/self/maps, which only Linux has.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using (var index = VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions, Int8Quantization: true)))
        {
            for (var round = 0; round < 3; round++)
            {
                VectorIndexTests.Fill(index, _data, (round + 1) * 100, start: round * 100);
                index.Commit();
            }

            // A third of the chunks deleted: this commit compacts into a new store, whose old map must go too.
            for (var document = 0; document < 33; document++)
            {
                index.DeleteDocument("d" + document);
            }

            index.Commit();

            var file = Assert.Single(Directory.GetFiles(_temp.Path, "*.lvx"));
            Assert.Equal([file], MappedIndexFiles());
        }

        Assert.Empty(MappedIndexFiles());
    }

    [Fact]
    public void Search_AfterDispose_ThrowsObjectDisposedInsteadOfReadingTheUnmappedFile()
    {
        var index = VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions));
        VectorIndexTests.Fill(index, _data, 50);
        index.Commit();

        index.Dispose();
        index.Dispose();

        Assert.Throws<ObjectDisposedException>(() => index.Search(TestVectors.Row(_data, Dimensions, 0), 5));
    }

    [Fact]
    public void Commit_Version2_StartsVectorsOnAPageBoundary()
    {
        using (var index = VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions)))
        {
            index.Add("c0", "d0", TestVectors.Row(_data, Dimensions, 0));
            index.Commit();
        }

        var bytes = File.ReadAllBytes(Directory.GetFiles(_temp.Path, "*.lvx").Single());
        var expected = TestVectors.Row(_data, Dimensions, 0).ToArray();
        VectorMath.NormalizeScalar(expected);

        Assert.Equal(2, BitConverter.ToInt32(bytes, sizeof(long)));
        Assert.Equal(expected, Enumerable.Range(0, Dimensions).Select(j => BitConverter.ToSingle(bytes, IndexFileFormat.VectorAlignment + (j * sizeof(float)))));
    }

    [Fact]
    public void Open_TruncatedGeneration_ThrowsInvalidNamingTheFile()
    {
        using (var index = VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions)))
        {
            VectorIndexTests.Fill(index, _data, 100);
            index.Commit();
        }

        var file = Directory.GetFiles(_temp.Path, "*.lvx").Single();
        using (var stream = new FileStream(file, FileMode.Open))
        {
            stream.SetLength(stream.Length / 3);
        }

        var error = Assert.Throws<LodestarException>(() => VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions)));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains(Path.GetFileName(file), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UnknownFormatVersionWithValidChecksum_ThrowsInvalid()
    {
        IndexFileFormat.WriteAtomically(_temp.Path, 1, writer => writer.WriteInt32(Dimensions));
        var file = Directory.GetFiles(_temp.Path, "*.lvx").Single();
        var bytes = File.ReadAllBytes(file)[..^IndexFileFormat.ChecksumLength];
        BitConverter.GetBytes(3).CopyTo(bytes, sizeof(long));
        File.WriteAllBytes(file, [.. bytes, .. System.Security.Cryptography.SHA256.HashData(bytes)]);

        var error = Assert.Throws<LodestarException>(() => VectorIndex.Open(_temp.Path, new VectorIndexOptions(Dimensions)));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("format version 3", error.Message, StringComparison.Ordinal);
    }

    private static void Apply(VectorIndex heap, VectorIndex mapped, Action<VectorIndex> change)
    {
        change(heap);
        change(mapped);
    }

    private void AssertSameResults(VectorIndex heap, VectorIndex mapped)
    {
        for (var row = 1_300; row < 1_400; row += 7)
        {
            var query = TestVectors.Row(_data, Dimensions, row);
            Assert.Equal(Hits(heap.Search(query, 10)), Hits(mapped.Search(query, 10)));
            Assert.Equal(Hits(heap.Search(query, 5, d => d.EndsWith('7'))), Hits(mapped.Search(query, 5, d => d.EndsWith('7'))));
        }
    }

    private static List<(string ChunkId, float Score)> Hits(IReadOnlyList<VectorHit> hits) => [.. hits.Select(h => (h.ChunkId, h.Score))];

    private List<string> MappedIndexFiles() =>
        [.. File.ReadLines("/proc/self/maps").Where(line => line.Contains(_temp.Path, StringComparison.Ordinal)).Select(line => line[line.IndexOf('/', StringComparison.Ordinal)..]).Distinct()];
}
