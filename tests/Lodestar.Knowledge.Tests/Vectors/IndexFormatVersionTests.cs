using Lodestar.Knowledge.Vectors;

namespace Lodestar.Knowledge.Tests.Vectors;

/// <summary>Files written before the memory-mapped layout (format version 1) must still open, search and upgrade.</summary>
public sealed class IndexFormatVersionTests : IDisposable
{
    private const int Dimensions = 32;
    private const int Rows = 300;
    private readonly TempDirectory _temp = new();
    private readonly float[] _data = TestVectors.Clustered(Rows + 1, Dimensions, 8, seed: 5);

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(VectorIndexKind.Flat, false)]
    [InlineData(VectorIndexKind.Hnsw, false)]
    [InlineData(VectorIndexKind.Hnsw, true)]
    public void Open_Version1File_SearchesItAndNextCommitWritesVersion2(VectorIndexKind kind, bool int8)
    {
        WriteVersion1(deletedRow: 7);
        var options = new VectorIndexOptions(Dimensions, kind, EfConstruction: 64, Int8Quantization: int8, RescoreCandidates: 2);
        var query = TestVectors.Row(_data, Dimensions, Rows);
        var expected = VectorIndexTests.BruteForce(_data, Rows, query, 10, row => row != 7);

        using (var index = VectorIndex.Open(_temp.Path, options))
        {
            Assert.Equal(Rows - 1, index.Count);
            Assert.Equal(expected, index.Search(query, 10).Select(h => h.ChunkId));
            index.DeleteDocument("d" + (Rows - 1));
            index.Commit();
        }

        using var reopened = VectorIndex.Open(_temp.Path, options);
        var file = File.ReadAllBytes(Directory.GetFiles(_temp.Path, "*.lvx").Single());

        Assert.Equal(IndexFileFormat.Version, BitConverter.ToInt32(file, sizeof(long)));
        Assert.Equal(2, reopened.Generation);
        Assert.Equal(VectorIndexTests.BruteForce(_data, Rows, query, 10, row => row is not 7 and not Rows - 1), reopened.Search(query, 10).Select(h => h.ChunkId));
    }

    /// <summary>The version-1 layout: header, floats right after it (no padding), tombstones, ids, no graph, no codes.</summary>
    private void WriteVersion1(int deletedRow)
    {
        var vectors = _data[..(Rows * Dimensions)];
        for (var row = 0; row < Rows; row++)
        {
            VectorMath.NormalizeScalar(vectors.AsSpan(row * Dimensions, Dimensions));
        }

        var deleted = new bool[Rows];
        deleted[deletedRow] = true;
        using var stream = new FileStream(IndexFileFormat.PathFor(_temp.Path, 1), FileMode.CreateNew);
        using var writer = new IndexFileWriter(stream);
        writer.WriteInt64(IndexFileFormat.Magic);
        writer.WriteInt32(IndexFileFormat.FirstVersion);
        writer.WriteInt32(Dimensions);
        writer.WriteInt64(1);
        writer.WriteInt32(Rows);
        writer.WriteSpan<float>(vectors);
        writer.WriteSpan<bool>(deleted);
        for (var row = 0; row < Rows; row++)
        {
            writer.WriteString("c" + row);
            writer.WriteString(row == Rows - 1 ? "d" + row : VectorIndexTests.DocumentOf(row));
        }

        writer.WriteInt32(0);
        writer.Finish();
    }
}
