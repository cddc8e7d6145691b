namespace Lodestar.Models.Validation;

/// <summary>The expectation types a suite may use.</summary>
public static class ExpectationTypes
{
    /// <summary>No missing cells in the column.</summary>
    public const string NotNull = "not_null";

    /// <summary>Every non-missing cell is a number within [min, max] (either bound optional).</summary>
    public const string Between = "between";

    /// <summary>Every non-missing cell is one of <c>values</c>.</summary>
    public const string InSet = "in_set";

    /// <summary>No two non-missing cells are equal.</summary>
    public const string Unique = "unique";

    /// <summary>Every non-missing cell matches <c>pattern</c> (whole cell).</summary>
    public const string Regex = "regex";

    /// <summary>The row count is within [min, max].</summary>
    public const string RowCount = "row_count";

    /// <summary>The column mean is within [min, max].</summary>
    public const string MeanBetween = "mean_between";

    /// <summary>The column's sample standard deviation is within [min, max].</summary>
    public const string StdevBetween = "stdev_between";

    /// <summary>The column's <c>quantile</c> (0..1, linear interpolation) is within [min, max].</summary>
    public const string QuantileBetween = "quantile_between";

    public static IReadOnlyList<string> All { get; } = [NotNull, Between, InSet, Unique, Regex, RowCount, MeanBetween, StdevBetween, QuantileBetween];
}
