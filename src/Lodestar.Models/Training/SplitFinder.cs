namespace Lodestar.Models.Training;

/// <summary>
/// Scans a node histogram for the split with the largest loss reduction
/// G_L^2/(H_L+l2) + G_R^2/(H_R+l2) - G^2/(H+l2), honouring min_samples_leaf and a minimum child hessian.
/// Numeric features try missing values on either side; categorical features sort their levels by
/// G/(H + 10) and try every prefix from both ends (the LightGBM / scikit-learn native categorical split).
/// </summary>
internal sealed class SplitFinder(FeatureBinner binner, int minSamplesLeaf, double l2)
{
    private const double MinHessian = 1e-3;
    private const int MinCategorySupport = 10;

    public SplitCandidate? FindBest(HistogramBin[] histogram, HistogramBin total)
    {
        SplitCandidate? best = null;
        var parentScore = Score(total);
        for (var f = 0; f < binner.BinCounts.Length; f++)
        {
            var slice = histogram.AsSpan(f * HistogramBuilder.BinsPerFeature, HistogramBuilder.BinsPerFeature);
            var candidate = binner.Categorical[f]
                ? Categorical(f, slice, total, parentScore)
                : Numeric(f, slice, total, parentScore, best?.Gain ?? 0);
            if (candidate is not null && (best is null || candidate.Gain > best.Gain))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>The feature's best split if it beats <paramref name="toBeat"/> strictly (no candidate is built otherwise).</summary>
    private SplitCandidate? Numeric(int feature, ReadOnlySpan<HistogramBin> slice, HistogramBin total, double parentScore, double toBeat)
    {
        var missing = slice[FeatureBinner.MissingBin];
        var bins = binner.BinCounts[feature];
        var bestGain = toBeat;
        var bestBin = -1;
        var bestMissingLeft = false;
        var bestLeft = default(HistogramBin);
        var left = default(HistogramBin);

        // With missing values, the last bin is a candidate too: all numbers left, missing right.
        var lastBin = missing.Count > 0 ? bins - 1 : bins - 2;
        for (var bin = 0; bin <= lastBin; bin++)
        {
            // An exactly empty bin leaves the left sums, hence both gains, as they were one bin earlier: it cannot
            // beat them strictly. Small nodes leave most of the 255 bins empty.
            ref readonly var current = ref slice[bin];
            if (current.Count == 0)
            {
                continue;
            }

            left.Add(current);
            if (total.Count - left.Count < minSamplesLeaf)
            {
                // Every later split leaves fewer rows on the right than allowed.
                break;
            }

            if (left.Count + missing.Count < minSamplesLeaf)
            {
                // Too few rows on the left even with the missing ones: both gains are 0.
                continue;
            }

            var gain = Gain(left, total, parentScore);
            if (gain > bestGain)
            {
                (bestGain, bestBin, bestMissingLeft, bestLeft) = (gain, bin, false, left);
            }

            if (missing.Count > 0 && bin < bins - 1)
            {
                var withMissing = left;
                withMissing.Add(missing);
                gain = Gain(withMissing, total, parentScore);
                if (gain > bestGain)
                {
                    (bestGain, bestBin, bestMissingLeft, bestLeft) = (gain, bin, true, withMissing);
                }
            }
        }

        if (bestBin < 0)
        {
            return null;
        }

        var right = total.Minus(bestLeft);
        return new SplitCandidate
        {
            Feature = feature, Gain = bestGain, Bin = bestBin, Left = bestLeft, Right = right,
            // No missing values seen here: send them to the larger child at prediction time.
            MissingLeft = missing.Count > 0 ? bestMissingLeft : bestLeft.Count >= right.Count,
        };
    }

    private SplitCandidate? Categorical(int feature, ReadOnlySpan<HistogramBin> slice, HistogramBin total, double parentScore)
    {
        Span<int> used = stackalloc int[HistogramBuilder.BinsPerFeature];
        var usedCount = 0;
        for (var bin = 0; bin < binner.BinCounts[feature]; bin++)
        {
            if (slice[bin].Count >= MinCategorySupport)
            {
                used[usedCount++] = bin;
            }
        }

        if (slice[FeatureBinner.MissingBin].Count >= MinCategorySupport)
        {
            used[usedCount++] = FeatureBinner.MissingBin;
        }

        if (usedCount < 2)
        {
            return null;
        }

        var order = used[..usedCount].ToArray();
        var histogram = slice.ToArray();
        Array.Sort(order, (a, b) => Ratio(histogram[a]).CompareTo(Ratio(histogram[b])));

        var bestGain = 0.0;
        var bestPrefix = 0;
        var bestForward = true;
        var bestLeft = default(HistogramBin);
        var middle = (usedCount + 1) / 2;
        foreach (var forward in (ReadOnlySpan<bool>)[true, false])
        {
            var left = default(HistogramBin);
            for (var i = 0; i < middle; i++)
            {
                left.Add(histogram[order[forward ? i : usedCount - 1 - i]]);
                var gain = Gain(left, total, parentScore);
                if (gain > bestGain)
                {
                    (bestGain, bestPrefix, bestForward, bestLeft) = (gain, i + 1, forward, left);
                }
            }
        }

        if (bestPrefix == 0)
        {
            return null;
        }

        var set = new ulong[4];
        for (var i = 0; i < bestPrefix; i++)
        {
            var bin = order[bestForward ? i : usedCount - 1 - i];
            set[bin >> 6] |= 1UL << (bin & 63);
        }

        var missingLeft = (set[FeatureBinner.MissingBin >> 6] & (1UL << (FeatureBinner.MissingBin & 63))) != 0;
        return new SplitCandidate
        {
            Feature = feature, Gain = bestGain, LeftCategories = set, MissingLeft = missingLeft, Left = bestLeft, Right = total.Minus(bestLeft),
        };
    }

    /// <summary>Loss reduction of sending <paramref name="left"/> left and the rest right; 0 when a constraint fails.</summary>
    private double Gain(in HistogramBin left, in HistogramBin total, double parentScore)
    {
        var right = total.Minus(left);
        if (left.Count < minSamplesLeaf || right.Count < minSamplesLeaf || left.Hessian < MinHessian || right.Hessian < MinHessian)
        {
            return 0;
        }

        var gain = Score(left) + Score(right) - parentScore;
        return gain > 1e-12 ? gain : 0;
    }

    private double Score(in HistogramBin bin) => bin.Gradient * bin.Gradient / (bin.Hessian + l2);

    private static double Ratio(in HistogramBin bin) => bin.Gradient / (bin.Hessian + MinCategorySupport);
}
