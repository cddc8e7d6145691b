using System.Globalization;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Models.Data;

namespace Lodestar.Models.Serving;

/// <summary>
/// Validates JSON rows (<c>[{"col": value, ...}, ...]</c>) against a signature. Every input must be present
/// (null means missing); numbers must be JSON numbers; categories are strings (or numbers, read as their text).
/// Errors name the row (1-based) and the column.
/// </summary>
internal static class RowDecoder
{
    public static DecodedRows Decode(JsonElement rows, SignatureSchema schema, int maxRows)
    {
        if (rows.ValueKind != JsonValueKind.Array)
        {
            throw LodestarException.Invalid("'rows' must be a JSON array of objects, one per row");
        }

        var count = rows.GetArrayLength();
        if (count == 0 || count > maxRows)
        {
            throw LodestarException.Invalid($"'rows' must hold between 1 and {maxRows} rows (got {count})");
        }

        var width = schema.Width;
        var values = new double[count * width];
        Span<bool> seen = width <= 256 ? stackalloc bool[width] : new bool[width];
        var r = 0;
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw LodestarException.Invalid($"row {r + 1}: must be a JSON object of column values");
            }

            seen.Clear();
            var present = 0;
            foreach (var property in row.EnumerateObject())
            {
                var position = schema.PositionOf(property.Name, r);
                if (!seen[position])
                {
                    seen[position] = true;
                    present++;
                }

                values[(r * width) + position] = Read(property.Value, schema, position, r);
            }

            if (present < width)
            {
                var missing = seen.IndexOf(false);
                throw LodestarException.Invalid($"row {r + 1}: column '{schema.Inputs[missing].Name}' is missing (send null for a missing value)");
            }

            r++;
        }

        return new DecodedRows(values, count, width);
    }

    /// <summary>The inputs of one row as text, for the prediction log (null when missing).</summary>
    public static Dictionary<string, string?> Texts(JsonElement row)
    {
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in row.EnumerateObject())
        {
            texts[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => property.Value.GetString(),
                _ => property.Value.GetRawText(),
            };
        }

        return texts;
    }

    private static double Read(JsonElement value, SignatureSchema schema, int position, int row)
    {
        var input = schema.Inputs[position];
        if (value.ValueKind == JsonValueKind.Null)
        {
            return double.NaN;
        }

        if (input.Kind == ColumnKind.Numeric)
        {
            return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
                ? number
                : throw LodestarException.Invalid($"row {row + 1}: column '{input.Name}' must be a number or null (got {Describe(value)})");
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => schema.CodeOf(position, value.GetString()!),
            JsonValueKind.Number => schema.CodeOf(position, value.GetRawText()),
            _ => throw LodestarException.Invalid($"row {row + 1}: column '{input.Name}' is a category: send a string or null (got {Describe(value)})"),
        };
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => string.Create(CultureInfo.InvariantCulture, $"the string \"{Truncate(value.GetString()!)}\""),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "a number out of range",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
