using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lodestar.Models.Training;

/// <summary>
/// Builds per-node histograms (256 bins per feature, bin 255 = missing) over the node's rows, features in
/// parallel; the larger child of a split is never scanned: it is the parent minus the smaller child. Only a
/// feature's used bins (0 .. binCounts[f]-1 and the missing bin) are ever written or read: a rented histogram's
/// other bins hold stale values. Digits-like data (17 pixel levels) thus clears and subtracts 18 bins a feature, not 256.
/// </summary>
internal sealed class HistogramBuilder(byte[][] bins, int[] binCounts, double[] gradients, double[] hessians)
{
    public const int BinsPerFeature = 256;

    /// <summary>Below this many row-features a node is built on one thread; task overhead would dominate.</summary>
    private const int ParallelThreshold = 1 << 16;

    public int FeatureCount => bins.Length;

    // Histograms are large-object-heap sized once there are ~15 features; the shared ArrayPool keeps only a few per
    // size, so a tree with 31 leaves would allocate (and later GC) most of them. This free list lives as long as
    // the training run and is only touched by the single thread that grows trees.
    private readonly Stack<HistogramBin[]> _free = new();

    public HistogramBin[] Rent() => _free.TryPop(out var histogram) ? histogram : new HistogramBin[bins.Length * BinsPerFeature];

    public void Return(HistogramBin[] histogram) => _free.Push(histogram);

    public HistogramBin[] Build(ReadOnlySpan<int> rows)
    {
        var histogram = Rent();
        for (var f = 0; f < bins.Length; f++)
        {
            var slice = histogram.AsSpan(f * BinsPerFeature, BinsPerFeature);
            slice[..binCounts[f]].Clear();
            slice[FeatureBinner.MissingBin] = default;
        }

        var count = rows.Length;
        var orderedGradients = ArrayPool<double>.Shared.Rent(count);
        var orderedHessians = ArrayPool<double>.Shared.Rent(count);
        var indices = ArrayPool<int>.Shared.Rent(count);
        try
        {
            rows.CopyTo(indices);
            for (var i = 0; i < count; i++)
            {
                var row = indices[i];
                orderedGradients[i] = gradients[row];
                orderedHessians[i] = hessians[row];
            }

            if ((long)count * bins.Length < ParallelThreshold)
            {
                for (var f = 0; f < bins.Length; f++)
                {
                    Accumulate(f, histogram, indices, orderedGradients, orderedHessians, count);
                }
            }
            else
            {
                Parallel.For(0, bins.Length, f => Accumulate(f, histogram, indices, orderedGradients, orderedHessians, count));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(orderedGradients);
            ArrayPool<double>.Shared.Return(orderedHessians);
            ArrayPool<int>.Shared.Return(indices);
        }

        return histogram;
    }

    /// <summary>The sibling's histogram: parent minus the built child (used bins only), into a new rented array.</summary>
    public HistogramBin[] Subtract(HistogramBin[] parent, HistogramBin[] child)
    {
        var result = Rent();
        for (var f = 0; f < bins.Length; f++)
        {
            var start = f * BinsPerFeature;
            var end = start + binCounts[f];
            for (var i = start; i < end; i++)
            {
                result[i] = parent[i].Minus(child[i]);
            }

            var missing = start + FeatureBinner.MissingBin;
            result[missing] = parent[missing].Minus(child[missing]);
        }

        return result;
    }

    /// <summary>Sum of one feature's used bins: every row lands in exactly one, so these are the node's totals.</summary>
    public HistogramBin Totals(HistogramBin[] histogram)
    {
        var total = default(HistogramBin);
        for (var bin = 0; bin < binCounts[0]; bin++)
        {
            total.Add(histogram[bin]);
        }

        total.Add(histogram[FeatureBinner.MissingBin]);
        return total;
    }

    private void Accumulate(int feature, HistogramBin[] histogram, int[] indices, double[] orderedGradients, double[] orderedHessians, int count)
    {
        // The hottest loop of training: a byte bin code always indexes inside the feature's 256-entry slice and
        // i < count <= every array's length, so bounds checks are dropped.
        ref var column = ref MemoryMarshal.GetArrayDataReference(bins[feature]);
        ref var slice = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(histogram), feature * BinsPerFeature);
        ref var rows = ref MemoryMarshal.GetArrayDataReference(indices);
        ref var gradients = ref MemoryMarshal.GetArrayDataReference(orderedGradients);
        ref var hessians = ref MemoryMarshal.GetArrayDataReference(orderedHessians);
        for (var i = 0; i < count; i++)
        {
            ref var bin = ref Unsafe.Add(ref slice, Unsafe.Add(ref column, Unsafe.Add(ref rows, i)));
            bin.Gradient += Unsafe.Add(ref gradients, i);
            bin.Hessian += Unsafe.Add(ref hessians, i);
            bin.Count++;
        }
    }
}
