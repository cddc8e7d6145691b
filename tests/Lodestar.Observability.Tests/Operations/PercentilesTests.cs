using Lodestar.Observability.Operations;

namespace Lodestar.Observability.Tests.Operations;

public sealed class PercentilesTests
{
    [Fact]
    public void Of_OneToHundred_GivesNearestRankValues()
    {
        // Arrange: shuffled so that sorting is exercised.
        var values = Enumerable.Range(1, 100).Select(i => ((double)i, 1.0)).OrderBy(v => (v.Item1 * 37) % 101).ToArray();

        // Act
        var (p50, p95, p99) = Percentiles.Of(values);

        // Assert
        Assert.Equal((50.0, 95.0, 99.0), (p50, p95, p99));
    }

    [Fact]
    public void Of_SingleAndEmpty_AreTheValueAndZero()
    {
        // Act and Assert
        Assert.Equal((7.0, 7.0, 7.0), Percentiles.Of(new[] { (7.0, 1.0) }));
        Assert.Equal((0.0, 0.0, 0.0), Percentiles.Of(Span<(double, double)>.Empty));
    }

    [Fact]
    public void Of_WeightedSamples_MatchTheExpandedUnweightedRanks()
    {
        // Arrange: 10 ms stands for 97 requests and 500 ms for 3, as a sampled log would store them.
        var weighted = new[] { (500.0, 1.5), (10.0, 48.5), (500.0, 1.5), (10.0, 48.5) };

        // Act
        var (p50, p95, p99) = Percentiles.Of(weighted);

        // Assert: ranks 50, 95 and 99 of [10 × 97, 500 × 3].
        Assert.Equal((10.0, 10.0, 500.0), (p50, p95, p99));
    }

    [Fact]
    public void Last_AlignsTheWindowToWholeBuckets()
    {
        // Arrange
        var now = new DateTimeOffset(2026, 11, 22, 6, 7, 30, TimeSpan.Zero);

        // Act
        var query = OperationsQuery.Last(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), now, "t1");

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 6, 10, 0, TimeSpan.Zero), query.To);
        Assert.Equal(12, query.BucketCount);
    }
}
