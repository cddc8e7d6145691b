using Lodestar.Core;
using Lodestar.Knowledge.Vectors;

namespace Lodestar.Knowledge.Tests.Vectors;

public sealed class VectorIndexTests
{
    private const int Dimensions = 32;

    [Theory]
    [InlineData(VectorIndexKind.Flat, false)]
    [InlineData(VectorIndexKind.Flat, true)]
    [InlineData(VectorIndexKind.Hnsw, false)]
    [InlineData(VectorIndexKind.Hnsw, true)]
    public void Search_AnyKind_MatchesBruteForceOnSmallIndex(VectorIndexKind kind, bool int8)
    {
        var data = TestVectors.Clustered(501, Dimensions, 10, seed: 11);
        using var index = Fill(VectorIndex.CreateInMemory(new VectorIndexOptions(Dimensions, kind, Int8Quantization: int8)), data, 500);
        var query = TestVectors.Row(data, Dimensions, 500);

        var hits = index.Search(query, 5);

        Assert.Equal(BruteForce(data, 500, query, 5, _ => true), hits.Select(h => h.ChunkId));
    }

    [Theory]
    [InlineData(VectorIndexKind.Flat)]
    [InlineData(VectorIndexKind.Hnsw)]
    public void Search_Int8On5kVectors_RecallAt10AtLeast095(VectorIndexKind kind)
    {
        var data = TestVectors.Clustered(5_100, Dimensions, 40, seed: 12);
        using var index = Fill(VectorIndex.CreateInMemory(new VectorIndexOptions(Dimensions, kind, Int8Quantization: true)), data, 5_000);
        var recall = 0.0;

        for (var q = 5_000; q < 5_100; q++)
        {
            var query = TestVectors.Row(data, Dimensions, q);
            recall += TestVectors.Recall(BruteForce(data, 5_000, query, 10, _ => true), index.Search(query, 10).Select(h => h.ChunkId));
        }

        Assert.True(recall / 100 >= 0.95, $"int8 recall@10 was {recall / 100:F3}");
    }

    [Fact]
    public void Similarity_StoredChunk_EqualsCosineAndMissingChunkIsNull()
    {
        using var index = VectorIndex.CreateInMemory(new VectorIndexOptions(3));
        index.Add("c1", "d1", [3f, 4f, 0f]);
        index.Add("c2", "d1", [0f, 0f, 2f]);
        index.DeleteDocument("d1");
        index.Add("c3", "d2", [3f, 4f, 0f]);

        var stored = index.Similarity([1f, 0f, 0f], "c3");
        var deleted = index.Similarity([1f, 0f, 0f], "c1");

        Assert.Equal(0.6f, stored!.Value, 5);
        Assert.Null(deleted);
    }

    [Fact]
    public void Search_ReturnsCosineScoresOfNormalisedVectors()
    {
        using var index = VectorIndex.CreateInMemory(new VectorIndexOptions(2, VectorIndexKind.Flat));
        index.Add("a", "doc", [3f, 4f]);
        index.Add("b", "doc", [-1f, 0f]);

        var hits = index.Search([6f, 8f], 2);

        Assert.Equal(new VectorHit("a", "doc", 1f), hits[0] with { Score = MathF.Round(hits[0].Score, 5) });
        Assert.Equal(-0.6f, hits[1].Score, 1e-5f);
    }

    [Theory]
    [InlineData(VectorIndexKind.Flat)]
    [InlineData(VectorIndexKind.Hnsw)]
    public void Search_FilterAcceptingOnePercent_ReturnsKAcceptedHits(VectorIndexKind kind)
    {
        var data = TestVectors.Clustered(3_001, Dimensions, 20, seed: 13);
        using var index = Fill(VectorIndex.CreateInMemory(new VectorIndexOptions(Dimensions, kind, EfConstruction: 64)), data, 3_000);
        var query = TestVectors.Row(data, Dimensions, 3_000);
        static bool Accept(string documentId) => int.Parse(documentId[1..], System.Globalization.CultureInfo.InvariantCulture) % 100 == 7;

        var hits = index.Search(query, 10, Accept);

        Assert.Equal(BruteForce(data, 3_000, query, 10, i => Accept(DocumentOf(i))), hits.Select(h => h.ChunkId));
    }

    [Fact]
    public void Search_HnswWithHalfAcceptingFilter_ReturnsKAcceptedHits()
    {
        var data = TestVectors.Clustered(4_001, Dimensions, 20, seed: 14);
        using var index = Fill(VectorIndex.CreateInMemory(new VectorIndexOptions(Dimensions, EfConstruction: 64)), data, 4_000);
        var query = TestVectors.Row(data, Dimensions, 4_000);

        var hits = index.Search(query, 10, d => d.EndsWith('1') || d.EndsWith('2') || d.EndsWith('3') || d.EndsWith('4') || d.EndsWith('5'));

        Assert.Equal(10, hits.Count);
        Assert.All(hits, h => Assert.Contains(h.DocumentId[^1], "12345"));
    }

    [Fact]
    public void Add_SameChunkIdTwice_ReplacesVector()
    {
        using var index = VectorIndex.CreateInMemory(new VectorIndexOptions(2));
        index.Add("c", "d1", [1f, 0f]);

        index.Add("c", "d2", [0f, 1f]);

        Assert.Equal(1, index.Count);
        Assert.Equal([new VectorHit("c", "d2", 1f)], index.Search([0f, 1f], 5));
        Assert.Empty(index.Search([0f, 1f], 5, d => d == "d1"));
    }

    [Theory]
    [InlineData(new[] { 1f, 2f }, "dimensions")]
    [InlineData(new[] { 1f, float.NaN, 3f }, "NaN")]
    [InlineData(new[] { 0f, 0f, 0f }, "non-zero")]
    public void Add_BadVector_ThrowsInvalidAndKeepsIndexUnchanged(float[] vector, string message)
    {
        using var index = VectorIndex.CreateInMemory(new VectorIndexOptions(3));
        index.Add("ok", "d", [1f, 2f, 3f]);

        var error = Assert.Throws<LodestarException>(() => index.Add("bad", "d", vector));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(["ok"], index.Search([1f, 2f, 3f], 5).Select(h => h.ChunkId));
    }

    [Fact]
    public void DeleteDocument_ManyDeletes_CompactsAndKeepsSurvivorsSearchable()
    {
        var data = TestVectors.Clustered(1_001, Dimensions, 10, seed: 15);
        using var index = Fill(VectorIndex.CreateInMemory(new VectorIndexOptions(Dimensions, EfConstruction: 64)), data, 1_000);
        var query = TestVectors.Row(data, Dimensions, 1_000);

        for (var d = 0; d < 100; d += 2)
        {
            index.DeleteDocument("d" + d);
        }

        index.Commit();
        var hits = index.Search(query, 10);

        Assert.Equal(500, index.Count);
        Assert.Equal(BruteForce(data, 1_000, query, 10, i => int.Parse(DocumentOf(i)[1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1), hits.Select(h => h.ChunkId));
    }

    [Fact]
    public void Search_ConcurrentQueries_MatchSequentialResults()
    {
        var data = TestVectors.Clustered(2_050, Dimensions, 20, seed: 16);
        using var index = Fill(VectorIndex.CreateInMemory(new VectorIndexOptions(Dimensions, EfConstruction: 64)), data, 2_000);
        var expected = Enumerable.Range(2_000, 50).Select(q => index.Search(TestVectors.Row(data, Dimensions, q), 10)).ToArray();

        var actual = new IReadOnlyList<VectorHit>[50];
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i % 50] = index.Search(TestVectors.Row(data, Dimensions, 2_000 + (i % 50)), 10));

        Assert.Equal(expected, actual);
    }

    /// <summary>Chunk i belongs to document d(i mod 100).</summary>
    internal static VectorIndex Fill(VectorIndex index, float[] data, int count, int start = 0)
    {
        for (var i = start; i < count; i++)
        {
            index.Add("c" + i, DocumentOf(i), TestVectors.Row(data, Dimensions, i));
        }

        return index;
    }

    internal static string DocumentOf(int row) => "d" + (row % 100);

    /// <summary>Chunk ids of the exact top-k by cosine, computed independently of the index with scalar math.</summary>
    internal static List<string> BruteForce(float[] data, int count, ReadOnlySpan<float> query, int k, Func<int, bool> accept)
    {
        var unitQuery = query.ToArray();
        VectorMath.NormalizeScalar(unitQuery);
        var scored = new List<(float Score, int Row)>();
        for (var i = 0; i < count; i++)
        {
            if (accept(i))
            {
                var row = TestVectors.Row(data, Dimensions, i).ToArray();
                VectorMath.NormalizeScalar(row);
                scored.Add((VectorMath.DotScalar(unitQuery, row), i));
            }
        }

        return scored.OrderByDescending(s => s.Score).Take(k).Select(s => "c" + s.Row).ToList();
    }
}
