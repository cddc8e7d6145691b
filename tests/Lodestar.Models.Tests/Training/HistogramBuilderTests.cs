using Lodestar.Models.Training;

namespace Lodestar.Models.Tests.Training;

public sealed class HistogramBuilderTests
{
    // Feature 0: 3 bins + missing; feature 1: 5 bins (no missing rows).
    private static readonly byte[][] Bins = [[0, 2, 255, 1, 0, 2, 255, 0], [4, 0, 1, 3, 2, 4, 0, 1]];
    private static readonly int[] BinCounts = [3, 5];
    private static readonly double[] Gradients = [0.5, -1, 2, 0.25, -0.75, 1.5, -2, 3];
    private static readonly double[] Hessians = [1, 2, 3, 4, 5, 6, 7, 8];

    [Fact]
    public void Build_RecycledDirtyHistogram_UsedBinsMatchDirectCount()
    {
        var builder = new HistogramBuilder(Bins, BinCounts, Gradients, Hessians);
        var dirty = builder.Rent();
        Array.Fill(dirty, new HistogramBin { Gradient = 99, Hessian = 99, Count = 99 });
        builder.Return(dirty);
        int[] rows = [1, 2, 4, 6, 7];

        var histogram = builder.Build(rows);

        Assert.Same(dirty, histogram);
        AssertUsedBins(Expected(rows), histogram);
    }

    [Fact]
    public void Subtract_ParentMinusChild_EqualsSiblingBuiltDirectly()
    {
        var builder = new HistogramBuilder(Bins, BinCounts, Gradients, Hessians);
        var parent = builder.Build([0, 1, 2, 3, 4, 5, 6, 7]);
        var child = builder.Build([1, 3, 6]);

        var sibling = builder.Subtract(parent, child);

        AssertUsedBins(Expected([0, 2, 4, 5, 7]), sibling);
        var totals = builder.Totals(sibling);
        Assert.Equal(5, totals.Count);
        Assert.Equal(Hessians[0] + Hessians[2] + Hessians[4] + Hessians[5] + Hessians[7], totals.Hessian, 1e-12);
    }

    private static HistogramBin[] Expected(int[] rows)
    {
        var expected = new HistogramBin[Bins.Length * HistogramBuilder.BinsPerFeature];
        foreach (var row in rows)
        {
            for (var f = 0; f < Bins.Length; f++)
            {
                expected[(f * HistogramBuilder.BinsPerFeature) + Bins[f][row]].Add(new HistogramBin { Gradient = Gradients[row], Hessian = Hessians[row], Count = 1 });
            }
        }

        return expected;
    }

    private static void AssertUsedBins(HistogramBin[] expected, HistogramBin[] actual)
    {
        for (var f = 0; f < Bins.Length; f++)
        {
            foreach (var bin in Enumerable.Range(0, BinCounts[f]).Append(255))
            {
                var at = (f * HistogramBuilder.BinsPerFeature) + bin;
                Assert.Equal(expected[at].Count, actual[at].Count);
                Assert.Equal(expected[at].Gradient, actual[at].Gradient, 1e-12);
                Assert.Equal(expected[at].Hessian, actual[at].Hessian, 1e-12);
            }
        }
    }
}
