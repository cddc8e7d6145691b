namespace Lodestar.Observability.Metrics;

/// <summary>
/// Compares a measurement's tags, as presented (same order, same values), with a stored copy, so a recorded
/// measurement finds its series without building its label text: the text is built once per distinct tag set.
/// </summary>
internal sealed class TagSetComparer :
    IEqualityComparer<KeyValuePair<string, object?>[]>,
    IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, KeyValuePair<string, object?>[]>
{
    public static TagSetComparer Instance { get; } = new();

    public bool Equals(KeyValuePair<string, object?>[]? x, KeyValuePair<string, object?>[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && Equals(new ReadOnlySpan<KeyValuePair<string, object?>>(x), y));

    public int GetHashCode(KeyValuePair<string, object?>[] obj) => GetHashCode(new ReadOnlySpan<KeyValuePair<string, object?>>(obj));

    public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, KeyValuePair<string, object?>[] other)
    {
        if (alternate.Length != other.Length)
        {
            return false;
        }

        for (var i = 0; i < alternate.Length; i++)
        {
            if (!string.Equals(alternate[i].Key, other[i].Key, StringComparison.Ordinal) || !Equals(alternate[i].Value, other[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Hashes the values only: an instrument's tag names hardly vary, and equality still compares them. Half the string
    /// hashing of every measurement (request latency records four tags per request).
    /// </summary>
    public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate)
    {
        var hash = new HashCode();
        foreach (var (_, value) in alternate)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public KeyValuePair<string, object?>[] Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => alternate.ToArray();
}
