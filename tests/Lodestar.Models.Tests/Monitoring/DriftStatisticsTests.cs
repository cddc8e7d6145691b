using Lodestar.Models.Monitoring;

namespace Lodestar.Models.Tests.Monitoring;

public sealed class DriftStatisticsTests
{
    private const double Relative = 1e-9;

    [Fact]
    public void KolmogorovSmirnov_ExactRegime_MatchesScipy()
    {
        foreach (var fixture in DriftFixtures.Get("ks").EnumerateArray())
        {
            var (statistic, pValue) = KolmogorovSmirnov.Test(DriftFixtures.Doubles(fixture.GetProperty("a")), DriftFixtures.Doubles(fixture.GetProperty("b")));

            AssertClose(fixture.GetProperty("statistic").GetDouble(), statistic);
            AssertClose(fixture.GetProperty("pvalue").GetDouble(), pValue);
        }
    }

    [Fact]
    public void KolmogorovSmirnov_AsymptoticRegime_StatisticExactAndPValueClose()
    {
        var fixture = DriftFixtures.Get("ks_asymptotic");
        var n = fixture.GetProperty("n").GetInt32();
        var a = new double[n];
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = (i * 0.6180339887498949) % 1.0;
            b[i] = ((i * 0.41421356237309503) % 1.0) * 1.05;
        }

        var (statistic, pValue) = KolmogorovSmirnov.Test(a, b);

        AssertClose(fixture.GetProperty("statistic").GetDouble(), statistic);
        // scipy uses the finite-n Kolmogorov distribution here; the limiting form is 4.6% above it for this case.
        Assert.InRange(pValue / fixture.GetProperty("pvalue").GetDouble(), 1.0, 1.1);
    }

    [Fact]
    public void ChiSquare_Counts_MatchesScipy()
    {
        foreach (var fixture in DriftFixtures.Get("chisquare").EnumerateArray())
        {
            var (statistic, pValue) = DistributionDistances.ChiSquare(DriftFixtures.Doubles(fixture.GetProperty("observed")), DriftFixtures.Doubles(fixture.GetProperty("expected")));

            AssertClose(fixture.GetProperty("statistic").GetDouble(), statistic);
            AssertClose(fixture.GetProperty("pvalue").GetDouble(), pValue);
        }
    }

    [Fact]
    public void Wasserstein_Samples_MatchesScipy()
    {
        foreach (var fixture in DriftFixtures.Get("ks").EnumerateArray())
        {
            var distance = DistributionDistances.Wasserstein(DriftFixtures.Doubles(fixture.GetProperty("a")), DriftFixtures.Doubles(fixture.GetProperty("b")));

            AssertClose(fixture.GetProperty("wasserstein").GetDouble(), distance);
        }
    }

    [Fact]
    public void JensenShannonAndKullbackLeibler_Histograms_MatchScipy()
    {
        foreach (var fixture in DriftFixtures.Get("histograms").EnumerateArray())
        {
            var p = DriftFixtures.Doubles(fixture.GetProperty("p"));
            var q = DriftFixtures.Doubles(fixture.GetProperty("q"));

            AssertClose(fixture.GetProperty("jensenshannon").GetDouble(), DistributionDistances.JensenShannon(p, q));
            AssertClose(fixture.GetProperty("kl").GetDouble(), DistributionDistances.KullbackLeibler(p, q));
        }
    }

    internal static void AssertClose(double expected, double actual)
    {
        var tolerance = Math.Max(Math.Abs(expected) * Relative, 1e-15);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R}, got {actual:R}");
    }
}
