namespace Lodestar.Models.Monitoring;

/// <summary>
/// Two-sample Kolmogorov-Smirnov test, two-sided, as scipy.stats.ks_2samp(method="auto"): the exact p-value
/// (lattice-path "inside" recursion computing 1 - p directly, Hodges / Viehmann) when both samples have at most
/// 10 000 values, else the asymptotic Kolmogorov distribution.
/// </summary>
public static class KolmogorovSmirnov
{
    private const int MaxExactSize = 10_000;

    /// <summary>The statistic D = sup |F1 - F2| and its p-value.</summary>
    public static (double Statistic, double PValue) Test(ReadOnlySpan<double> sample1, ReadOnlySpan<double> sample2)
    {
        if (sample1.IsEmpty || sample2.IsEmpty)
        {
            throw Core.LodestarException.Invalid("the KS test needs at least one value in each sample");
        }

        var a = sample1.ToArray();
        var b = sample2.ToArray();
        Array.Sort(a);
        Array.Sort(b);
        var d = Statistic(a, b);
        long n1 = a.Length, n2 = b.Length;
        if (Math.Max(n1, n2) <= MaxExactSize && TryExact(n1, n2, d, out var exactD, out var exactP))
        {
            return (exactD, exactP);
        }

        var (m, n) = n1 >= n2 ? (n1, n2) : (n2, n1);
        var en = Math.Round(m * (double)n / (m + n));
        return (d, Math.Clamp(KolmogorovSurvival(Math.Sqrt(en) * d), 0, 1));
    }

    /// <summary>Largest gap between the empirical CDFs, evaluated at every observed value (ties included).</summary>
    private static double Statistic(double[] a, double[] b)
    {
        int i = 0, j = 0;
        double best = 0;
        while (i < a.Length || j < b.Length)
        {
            var x = i < a.Length && (j >= b.Length || a[i] <= b[j]) ? a[i] : b[j];
            while (i < a.Length && a[i] <= x)
            {
                i++;
            }

            while (j < b.Length && b[j] <= x)
            {
                j++;
            }

            best = Math.Max(best, Math.Abs(((double)i / a.Length) - ((double)j / b.Length)));
        }

        return best;
    }

    private static bool TryExact(long n1, long n2, double d, out double statistic, out double pValue)
    {
        var g = Gcd(n1, n2);
        var lcm = n1 / g * n2;
        var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        statistic = h / (double)lcm;
        if (h == 0)
        {
            pValue = 1;
            return true;
        }

        pValue = n1 == n2 ? OutsideSquare(n1, h) : OutsideInside(n1, n2, g, h);
        return double.IsFinite(pValue) && pValue is >= 0 and <= 1;
    }

    /// <summary>P(D_{n,n} &gt;= h/n) by the alternating binomial series, evaluated Horner-style to avoid cancellation.</summary>
    private static double OutsideSquare(long n, long h)
    {
        double p = 0;
        for (var k = n / h; k >= 0; k--)
        {
            double term = 1;
            for (long j = 0; j < h; j++)
            {
                term = (n - (k * h) - j) * term / (n + (k * h) + j + 1);
            }

            p = term * (1 - p);
        }

        return 2 * p;
    }

    /// <summary>
    /// Proportion of lattice paths (0,0)→(m,n) that leave the band |x/m - y/n| &lt; h/lcm, kept as one sliding
    /// column of "1 - probability" values so no binomial coefficient ever overflows.
    /// </summary>
    private static double OutsideInside(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        var mg = m / g;
        var ng = n / g;
        long minJ = 0;
        var maxJ = Math.Min(CeilDiv(h, mg), n + 1);
        var currentLength = maxJ - minJ;
        var a = new double[Math.Min((2 * maxJ) + 2, n + 1)];
        Array.Fill(a, 1.0);
        Array.Clear(a, 0, (int)maxJ);
        for (long i = 1; i <= m; i++)
        {
            var lastMinJ = minJ;
            var lastLength = currentLength;
            minJ = Math.Min(Math.Max(FloorDiv((ng * i) - h, mg) + 1, 0), n);
            maxJ = Math.Min(CeilDiv((ng * i) + h, mg), n + 1);
            if (maxJ <= minJ)
            {
                return 1.0;
            }

            var value = minJ == 0 ? 0.0 : 1.0;
            for (var jj = 0L; jj < maxJ - minJ; jj++)
            {
                var j = jj + minJ;
                value = ((a[jj + minJ - lastMinJ] * i) + (value * j)) / (i + j);
                a[jj] = value;
            }

            currentLength = maxJ - minJ;
            if (lastLength > currentLength)
            {
                Array.Fill(a, 1.0, (int)(maxJ - minJ), (int)(lastLength - currentLength));
            }
        }

        return a[maxJ - minJ - 1];
    }

    /// <summary>Survival function of the limiting Kolmogorov distribution, Q(t) = 2 sum (-1)^(k-1) exp(-2 k^2 t^2).</summary>
    internal static double KolmogorovSurvival(double t)
    {
        if (t <= 0)
        {
            return 1;
        }

        if (t < 1)
        {
            // The alternating series converges slowly for small t; use the theta-function form of the CDF.
            double cdf = 0;
            for (var k = 1; k <= 20; k++)
            {
                var odd = (2 * k) - 1;
                cdf += Math.Exp(-odd * odd * Math.PI * Math.PI / (8 * t * t));
            }

            return 1 - (Math.Sqrt(2 * Math.PI) / t * cdf);
        }

        double sum = 0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * t * t);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-300)
            {
                break;
            }
        }

        return 2 * sum;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    private static long FloorDiv(long a, long b) => (long)Math.Floor(a / (double)b);

    private static long CeilDiv(long a, long b) => (long)Math.Ceiling(a / (double)b);
}
