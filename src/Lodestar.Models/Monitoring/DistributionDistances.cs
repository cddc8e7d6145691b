using MathNet.Numerics;

namespace Lodestar.Models.Monitoring;

/// <summary>
/// Distances and tests between two samples or two histograms, each matching its scipy counterpart:
/// chisquare, wasserstein_distance, spatial.distance.jensenshannon (base e), entropy (KL), plus PSI.
/// </summary>
public static class DistributionDistances
{
    /// <summary>Pearson's chi-squared statistic of observed against expected counts and its p-value (k - 1 degrees of freedom).</summary>
    public static (double Statistic, double PValue) ChiSquare(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected)
    {
        if (observed.Length != expected.Length || observed.Length < 2)
        {
            throw Core.LodestarException.Invalid("chi-squared needs at least two categories with matching observed and expected counts");
        }

        double statistic = 0;
        for (var i = 0; i < observed.Length; i++)
        {
            var difference = observed[i] - expected[i];
            statistic += difference * difference / expected[i];
        }

        if (double.IsNaN(statistic) || double.IsPositiveInfinity(statistic))
        {
            return (double.PositiveInfinity, 0);
        }

        return (statistic, SpecialFunctions.GammaUpperRegularized((observed.Length - 1) / 2.0, statistic / 2));
    }

    /// <summary>First Wasserstein distance between two empirical distributions: the area between their CDFs.</summary>
    public static double Wasserstein(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        var a = u.ToArray();
        var b = v.ToArray();
        Array.Sort(a);
        Array.Sort(b);
        var all = new double[a.Length + b.Length];
        a.CopyTo(all, 0);
        b.CopyTo(all, a.Length);
        Array.Sort(all);
        double distance = 0;
        int i = 0, j = 0;
        for (var k = 0; k + 1 < all.Length; k++)
        {
            while (i < a.Length && a[i] <= all[k])
            {
                i++;
            }

            while (j < b.Length && b[j] <= all[k])
            {
                j++;
            }

            distance += Math.Abs(((double)i / a.Length) - ((double)j / b.Length)) * (all[k + 1] - all[k]);
        }

        return distance;
    }

    /// <summary>Jensen-Shannon distance (the square root of the divergence, natural log) of two histograms, each normalised.</summary>
    public static double JensenShannon(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        var pSum = Sum(p);
        var qSum = Sum(q);
        double left = 0, right = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var pi = p[i] / pSum;
            var qi = q[i] / qSum;
            var m = (pi + qi) / 2;
            left += RelativeEntropy(pi, m);
            right += RelativeEntropy(qi, m);
        }

        return Math.Sqrt((left + right) / 2);
    }

    /// <summary>Kullback-Leibler divergence KL(p || q) of two histograms, each normalised (scipy.stats.entropy(p, q)).</summary>
    public static double KullbackLeibler(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        var pSum = Sum(p);
        var qSum = Sum(q);
        double total = 0;
        for (var i = 0; i < p.Length; i++)
        {
            total += RelativeEntropy(p[i] / pSum, q[i] / qSum);
        }

        return total;
    }

    /// <summary>Population stability index: sum (ref - cur) * ln(ref / cur) over bins of proportions.</summary>
    public static double PopulationStability(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        double total = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            total += (reference[i] - current[i]) * Math.Log(reference[i] / current[i]);
        }

        return total;
    }

    /// <summary>scipy.special.rel_entr: x ln(x/y), 0 when x is 0, infinite when only y is 0.</summary>
    private static double RelativeEntropy(double x, double y) =>
        x > 0 && y > 0 ? x * Math.Log(x / y) : x == 0 && y >= 0 ? 0 : double.PositiveInfinity;

    private static double Sum(ReadOnlySpan<double> values)
    {
        double total = 0;
        foreach (var value in values)
        {
            total += value;
        }

        return total;
    }
}
