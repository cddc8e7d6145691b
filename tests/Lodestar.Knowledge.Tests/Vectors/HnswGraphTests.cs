using Lodestar.Knowledge.Vectors;

namespace Lodestar.Knowledge.Tests.Vectors;

public sealed class HnswGraphTests
{
    private const int Dimensions = 64;

    [Fact]
    public void Search_20kClusteredVectors_RecallAt10AtLeast095()
    {
        var (store, graph, queries) = Build(20_000, seed: 1, queries: 200);

        var recall = MeanRecallAt10(store, queries, 20_000, 200, (query, found) => graph.Search(query, 10, ef: 64, found));

        Assert.True(recall >= 0.95, $"recall@10 was {recall:F3}");
    }

    [Fact]
    public void Search_Int8Traversal20kClusteredVectors_RecallAt10AtLeast095()
    {
        var (store, graph, queries) = Build(20_000, seed: 1, queries: 200);
        var codes = new Int8Codes(Dimensions);

        var recall = MeanRecallAt10(store, queries, 20_000, 200, (query, found) => graph.Search(query, 10, ef: 64, found, codes, rescoreDepth: 40));

        Assert.True(recall >= 0.95, $"int8 recall@10 was {recall:F3}");
    }

    [Fact]
    public void Search_Int8Traversal_ReturnsExactScoresBestFirstAndOnlyAcceptedIds()
    {
        var (store, graph, data) = Build(2_000, seed: 3);
        var query = UnitQuery(data, 2_000);
        var found = new ScoredId[20];

        var count = graph.Search(query, 20, ef: 50, found, new Int8Codes(Dimensions), rescoreDepth: 40, filter: id => id % 2 == 0);

        Assert.Equal(20, count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(0, found[i].Id % 2);
            Assert.Equal(VectorMath.DotScalar(query, store.Get(found[i].Id)), found[i].Score, 1e-5f);
            Assert.True(i == 0 || found[i - 1].Score >= found[i].Score);
        }
    }

    [Fact]
    public void Search_Int8TraversalWithZeroRescoreDepth_ThrowsInvalid()
    {
        var (_, graph, data) = Build(100, seed: 9);

        Assert.Throws<Core.LodestarException>(() => graph.Search(UnitQuery(data, 100), 5, 10, new ScoredId[5], new Int8Codes(Dimensions), rescoreDepth: 0));
    }

    [Fact]
    public void Search_ResultsBestFirstWithExactScores()
    {
        var (store, graph, data) = Build(2_000, seed: 3);
        var query = UnitQuery(data, 2_000);

        var hits = graph.Search(query, 20, ef: 50);

        Assert.Equal(20, hits.Count);
        for (var i = 0; i < hits.Count; i++)
        {
            Assert.Equal(VectorMath.DotScalar(query, store.Get(hits[i].Id)), hits[i].Score, 1e-5f);
            Assert.True(i == 0 || hits[i - 1].Score >= hits[i].Score);
        }
    }

    [Fact]
    public void Add_SameSeedAndOrder_BuildsIdenticalGraph()
    {
        var (_, first, data) = Build(3_000, seed: 5);
        var (_, second, _) = Build(3_000, seed: 5);
        var query = UnitQuery(data, 3_000);

        Assert.Equal(first.Search(query, 10, ef: 10), second.Search(query, 10, ef: 10));
        Assert.Equal(first.LinkBytes, second.LinkBytes);
    }

    [Fact]
    public void Search_WithFilter_ReturnsOnlyAcceptedIds()
    {
        var (store, graph, data) = Build(5_000, seed: 7);
        var query = UnitQuery(data, 5_000);
        var truth = new ScoredId[10];
        ExactSearch.TopK(store, query, 10, truth, id => id % 3 == 0);

        var hits = graph.Search(query, 10, ef: 100, id => id % 3 == 0);

        Assert.All(hits, h => Assert.Equal(0, h.Id % 3));
        Assert.True(TestVectors.Recall(truth.Select(t => t.Id), hits.Select(h => h.Id)) >= 0.9);
    }

    [Fact]
    public void Add_IdAlreadyInGraph_ThrowsInvalid()
    {
        var (_, graph, _) = Build(10, seed: 9);

        Assert.Throws<Core.LodestarException>(() => graph.Add(3));
    }

    /// <summary>Graph over the first <paramref name="count"/> rows; the <paramref name="queries"/> rows after them come from the same clusters but stay out of the graph.</summary>
    private static (VectorStore Store, HnswGraph Graph, float[] Data) Build(int count, int seed, int queries = 1)
    {
        var data = TestVectors.Clustered(count + queries, Dimensions, 50, seed);
        var store = new VectorStore(Dimensions, count);
        var graph = new HnswGraph(store, m: 16, efConstruction: 100, seed: 42);
        for (var i = 0; i < count; i++)
        {
            graph.Add(store.Add(TestVectors.Row(data, Dimensions, i)));
        }

        return (store, graph, data);
    }

    /// <summary>Mean recall@10 of <paramref name="search"/> over rows first..first+count of <paramref name="data"/> against exact search.</summary>
    private static double MeanRecallAt10(VectorStore store, float[] data, int first, int count, Func<float[], ScoredId[], int> search)
    {
        var truth = new ScoredId[10];
        var found = new ScoredId[10];
        var recall = 0.0;
        for (var row = first; row < first + count; row++)
        {
            var query = UnitQuery(data, row);
            ExactSearch.TopK(store, query, 10, truth);
            var hits = search(query, found);
            recall += TestVectors.Recall(truth.Select(h => h.Id), found.Take(hits).Select(h => h.Id));
        }

        return recall / count;
    }

    private static float[] UnitQuery(float[] data, int row)
    {
        var query = TestVectors.Row(data, Dimensions, row).ToArray();
        VectorMath.Normalize(query);
        return query;
    }
}
