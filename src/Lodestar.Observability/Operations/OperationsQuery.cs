using Lodestar.Core;

namespace Lodestar.Observability.Operations;

/// <summary>
/// A time window cut into equal buckets, optionally for one tenant (null: every tenant, for the local administrator).
/// </summary>
public sealed record OperationsQuery(DateTimeOffset From, DateTimeOffset To, TimeSpan Bucket, string? TenantId = null)
{
    /// <summary>More buckets than this is a chart nobody can read and a query nobody should run.</summary>
    public const int MaxBuckets = 2_000;

    /// <summary>The last <paramref name="window"/> up to <paramref name="now"/>, in buckets of <paramref name="bucket"/>, aligned to the bucket size.</summary>
    public static OperationsQuery Last(TimeSpan window, TimeSpan bucket, DateTimeOffset now, string? tenantId = null)
    {
        if (window <= TimeSpan.Zero || bucket <= TimeSpan.Zero)
        {
            throw LodestarException.Invalid("window and bucket must be positive durations");
        }

        if (window.Ticks / bucket.Ticks > MaxBuckets)
        {
            throw LodestarException.Invalid($"window / bucket gives more than {MaxBuckets} buckets; use a larger bucket");
        }

        var end = new DateTimeOffset((now.UtcTicks / bucket.Ticks + 1) * bucket.Ticks, TimeSpan.Zero);
        return new OperationsQuery(end - window, end, bucket, tenantId);
    }

    public int BucketCount => (int)Math.Ceiling((To - From).Ticks / (double)Bucket.Ticks);

    public void Validate()
    {
        if (Bucket <= TimeSpan.Zero || To <= From)
        {
            throw LodestarException.Invalid("the window must end after it starts and the bucket must be positive");
        }

        if (BucketCount > MaxBuckets)
        {
            throw LodestarException.Invalid($"window / bucket gives more than {MaxBuckets} buckets; use a larger bucket");
        }
    }
}
