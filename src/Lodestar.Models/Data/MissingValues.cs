namespace Lodestar.Models.Data;

/// <summary>The spellings of a missing cell, as pandas reads them by default (a subset).</summary>
internal static class MissingValues
{
    public static bool IsMissing(ReadOnlySpan<char> cell)
    {
        var trimmed = cell.Trim();
        return trimmed.IsEmpty
            || trimmed.Equals("NA", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("NaN", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("null", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("N/A", StringComparison.OrdinalIgnoreCase);
    }
}
