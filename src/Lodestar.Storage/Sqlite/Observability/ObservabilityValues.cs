namespace Lodestar.Storage.Sqlite.Observability;

/// <summary>Conversions between the observability entities and their column encodings.</summary>
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
}
