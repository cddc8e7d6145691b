using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Models.Data;

namespace Lodestar.Models.Serving;

/// <summary>
/// Validates JSON rows (<c>[{"col": value, ...}, ...]</c>) against a signature, reading UTF-8 straight into the
/// row-major value buffer (no document, no per-property strings). Every input must be present (null means missing);
/// numbers must be JSON numbers; categories are strings (or numbers, read as their text).
/// Errors name the row (1-based) and the column.
/// </summary>
internal static class RowDecoder
{
    private const int NameBuffer = 128;

    public static DecodedRows Decode(ReadOnlySpan<byte> rowsJson, SignatureSchema schema, int maxRows)
    {
        try
        {
            var reader = new Utf8JsonReader(rowsJson);
            return reader.Read() ? DecodeArray(ref reader, schema, maxRows, origin: 0) : throw NotAnArray();
        }
        catch (JsonException error)
        {
            throw LodestarException.Invalid("'rows' is not valid JSON: " + error.Message);
        }
    }

    /// <summary>
    /// Decodes the rows array the reader is on (its first token read), leaving the reader on the array's end; row
    /// positions are counted from <paramref name="origin"/>. Malformed JSON throws <see cref="JsonException"/>.
    /// </summary>
    public static DecodedRows DecodeArray(ref Utf8JsonReader reader, SignatureSchema schema, int maxRows, int origin)
    {
        // Pooled rather than stackalloc'd: a stack buffer could not be passed alongside the reader by ref.
        var names = ArrayPool<char>.Shared.Rent(NameBuffer);
        try
        {
            return DecodeRows(ref reader, schema, maxRows, names, origin);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(names);
        }
    }

    /// <summary>The inputs of one row (a JSON object) as text, for the prediction log (null when missing).</summary>
    public static Dictionary<string, string?> Texts(ReadOnlySpan<byte> rowJson)
    {
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(rowJson);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            texts[name] = reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.StartObject or JsonTokenType.StartArray => Raw(ref reader, rowJson),
                _ => Encoding.UTF8.GetString(reader.ValueSpan),
            };
        }

        return texts;
    }

    private static DecodedRows DecodeRows(ref Utf8JsonReader reader, SignatureSchema schema, int maxRows, char[] nameBuffer, int origin)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw NotAnArray();
        }

        var width = schema.Width;
        var values = new double[width];
        var starts = new int[1];
        var ends = new int[1];
        Span<bool> seen = width <= 256 ? stackalloc bool[width] : new bool[width];
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count == maxRows)
            {
                throw LodestarException.Invalid($"'rows' must hold between 1 and {maxRows} rows (got more)");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw LodestarException.Invalid($"row {count + 1}: must be a JSON object of column values");
            }

            if ((count + 1) * width > values.Length)
            {
                Array.Resize(ref values, values.Length * 2);
                Array.Resize(ref starts, starts.Length * 2);
                Array.Resize(ref ends, ends.Length * 2);
            }

            starts[count] = (int)reader.TokenStartIndex - origin;
            seen.Clear();
            var present = 0;
            var row = values.AsSpan(count * width, width);
            var next = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Callers mostly send columns in the signature's order: a byte comparison then finds the position.
                var position = !reader.ValueIsEscaped && !reader.HasValueSequence && schema.IsNamed(next, reader.ValueSpan)
                    ? next
                    : PositionOf(ref reader, schema, count, nameBuffer);
                next = position + 1;
                if (!seen[position])
                {
                    seen[position] = true;
                    present++;
                }

                reader.Read();
                row[position] = Read(ref reader, schema, position, count, nameBuffer);
            }

            ends[count] = (int)reader.BytesConsumed - origin;
            if (present < width)
            {
                var missing = seen.IndexOf(false);
                throw LodestarException.Invalid($"row {count + 1}: column '{schema.Inputs[missing].Name}' is missing (send null for a missing value)");
            }

            count++;
        }

        if (count == 0)
        {
            throw LodestarException.Invalid($"'rows' must hold between 1 and {maxRows} rows (got 0)");
        }

        if (values.Length != count * width)
        {
            Array.Resize(ref values, count * width);
        }

        return new DecodedRows(values, count, width, starts, ends);
    }

    private static int PositionOf(ref Utf8JsonReader reader, SignatureSchema schema, int row, Span<char> buffer)
    {
        var name = Chars(ref reader, buffer);
        return schema.TryPositionOf(name, out var position)
            ? position
            : throw LodestarException.Invalid($"row {row + 1}: unknown column '{name}' (the model's inputs are: {string.Join(", ", schema.Inputs.Select(i => i.Name))})");
    }

    private static double Read(ref Utf8JsonReader reader, SignatureSchema schema, int position, int row, Span<char> buffer)
    {
        var input = schema.Inputs[position];
        if (reader.TokenType == JsonTokenType.Null)
        {
            return double.NaN;
        }

        if (input.Kind == ColumnKind.Numeric)
        {
            if (reader.TokenType == JsonTokenType.Number && !reader.HasValueSequence && DecimalParser.TryParseShort(reader.ValueSpan, out var quick))
            {
                return quick;
            }

            return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && double.IsFinite(number)
                ? number
                : throw LodestarException.Invalid($"row {row + 1}: column '{input.Name}' must be a number or null (got {Describe(ref reader)})");
        }

        return reader.TokenType switch
        {
            JsonTokenType.String or JsonTokenType.Number => schema.CodeOf(position, Chars(ref reader, buffer)),
            _ => throw LodestarException.Invalid($"row {row + 1}: column '{input.Name}' is a category: send a string or null (got {Describe(ref reader)})"),
        };
    }

    /// <summary>The current token's text, unescaped, in <paramref name="buffer"/> when it fits.</summary>
    private static ReadOnlySpan<char> Chars(ref Utf8JsonReader reader, Span<char> buffer)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        return length <= buffer.Length ? buffer[..reader.CopyString(buffer)] : reader.GetString();
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => string.Create(CultureInfo.InvariantCulture, $"the string \"{Truncate(reader.GetString()!)}\""),
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => "a number out of range",
    };

    private static string Raw(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
    }

    private static LodestarException NotAnArray() => LodestarException.Invalid("'rows' must be a JSON array of objects, one per row");

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
