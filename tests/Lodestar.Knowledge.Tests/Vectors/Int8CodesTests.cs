using Lodestar.Knowledge.Vectors;

namespace Lodestar.Knowledge.Tests.Vectors;

public sealed class Int8CodesTests
{
    private const int Dimensions = 64;

    [Fact]
    public void Score_ClusteredUnitVectors_ApproximatesCosine()
    {
        var store = Fill(new VectorStore(Dimensions), TestVectors.Clustered(1_001, Dimensions, 20, seed: 4), 1_000);
        var codes = new Int8Codes(Dimensions);
        codes.Sync(store);
        var query = store.Get(999).ToArray();
        var similarity = new Int8Similarity(codes, query, new sbyte[Dimensions]);

        for (var id = 0; id < 1_000; id += 7)
        {
            Assert.Equal(store.Similarity(query, id), similarity.Score(id), 0.02f);
        }
    }

    [Fact]
    public void Sync_VectorWideningTheRange_ReencodesEarlierVectors()
    {
        var store = new VectorStore(2);
        store.Add([1f, 0.1f]);
        var codes = new Int8Codes(2);
        codes.Sync(store);
        store.Add([-1f, 0.1f]);

        codes.Sync(store);

        // With the range now −1..1 in dimension 0, the first vector sits at the top code, the second at the bottom.
        Assert.Equal(255, codes.Code(0)[0]);
        Assert.Equal(0, codes.Code(1)[0]);
    }

    [Fact]
    public void Sync_AnotherStore_Throws()
    {
        var codes = new Int8Codes(2);
        var first = new VectorStore(2);
        first.Add([1f, 0f]);
        codes.Sync(first);
        var second = new VectorStore(2);
        second.Add([0f, 1f]);

        Assert.Throws<ArgumentException>(() => codes.Sync(second));
    }

    private static VectorStore Fill(VectorStore store, float[] data, int count)
    {
        for (var i = 0; i < count; i++)
        {
            store.Add(TestVectors.Row(data, Dimensions, i));
        }

        return store;
    }
}
