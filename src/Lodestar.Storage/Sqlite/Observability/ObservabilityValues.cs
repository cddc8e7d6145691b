using System.Globalization;
using Lodestar.Observability.Costs;

namespace Lodestar.Storage.Sqlite.Observability;

/// <summary>Conversions between the observability entities and their column encodings (both dialects).</summary>
internal static class ObservabilityValues
{
    private const decimal NanosPerUnit = 1_000_000_000m;

    public static long Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    public static long Nanos(decimal amount) => (long)decimal.Round(amount * NanosPerUnit, MidpointRounding.AwayFromZero);

    public static decimal Money(long nanos) => nanos / NanosPerUnit;

    public static string Name<T>(T value)
        where T : struct, Enum => value.ToString();

    public static T Parse<T>(string text)
        where T : struct, Enum => Enum.Parse<T>(text, ignoreCase: true);

    /// <summary>The UTC day a usage row rolls up into.</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The usage column a grouping sums by (a fixed name, safe to splice into SQL).</summary>
    public static string GroupColumn(UsageGrouping grouping) => grouping switch
    {
        UsageGrouping.User => "user_id",
        UsageGrouping.Key => "key_id",
        UsageGrouping.KnowledgeBase => "kb",
        UsageGrouping.Model => "model",
        _ => "day",
    };
}
