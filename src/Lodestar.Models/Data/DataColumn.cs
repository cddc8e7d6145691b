namespace Lodestar.Models.Data;

/// <summary>
/// One CSV column read once into both views a learner needs: numbers (NaN when missing or not a number)
/// and, while the column has few enough distinct values, dictionary codes of the raw text.
/// </summary>
public sealed class DataColumn
{
    internal DataColumn(string name, double[] numbers, int[]? codes, string[]? levels, int missingCount, int firstNonNumericRow)
    {
        Name = name;
        Numbers = numbers;
        Codes = codes;
        Levels = levels;
        MissingCount = missingCount;
        FirstNonNumericRow = firstNonNumericRow;
    }

    public string Name { get; }

    /// <summary>Parsed values; NaN for missing cells and for cells that are not numbers.</summary>
    public double[] Numbers { get; }

    /// <summary>Index into <see cref="Levels"/> per row, -1 when missing; null when the column has too many distinct values.</summary>
    public int[]? Codes { get; }

    /// <summary>Distinct non-missing texts in first-seen order; null when there are too many.</summary>
    public string[]? Levels { get; }

    public int MissingCount { get; }

    /// <summary>Zero-based data row of the first non-missing cell that does not parse as a number, or -1.</summary>
    public int FirstNonNumericRow { get; }

    public int Length => Numbers.Length;

    /// <summary>Every non-missing value parses as a number (and there is at least one).</summary>
    public bool AllNumeric => FirstNonNumericRow < 0 && MissingCount < Numbers.Length;

    /// <summary>Distinct non-missing values, or null when above the dictionary cap.</summary>
    public int? DistinctCount => Levels?.Length;

    /// <summary>The raw text of a row (null when missing); only for dictionary-coded columns.</summary>
    public string? TextAt(int row)
    {
        if (Codes is null || Levels is null)
        {
            throw Core.LodestarException.Invalid($"column '{Name}' has too many distinct values to be used as a category");
        }

        var code = Codes[row];
        return code < 0 ? null : Levels[code];
    }
}
