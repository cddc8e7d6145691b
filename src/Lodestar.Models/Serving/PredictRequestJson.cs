using System.Text.Json;
using Lodestar.Core;

namespace Lodestar.Models.Serving;

/// <summary>
/// Finds the parts of a predict request body, <c>{"rows": [...], "explain": true|false}</c>, without building a
/// document: where the rows array sits in the UTF-8 (the prediction log and shadow copies read rows from it) and the
/// explain flag, with the rows decoded against the serving version's schema in the same pass. Property names match
/// case-insensitively and unknown properties are ignored, as the web JSON defaults do.
/// </summary>
internal static class PredictRequestJson
{
    public static (Range Rows, bool Explain, DecodedRows Decoded) Parse(ReadOnlySpan<byte> json, SignatureSchema schema, int maxRows)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw LodestarException.Invalid("the body must be a JSON object: {\"rows\": [{...}, ...], \"explain\": false}");
            }

            Range? rows = null;
            DecodedRows? decoded = null;
            var explain = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRows = Is(ref reader, "rows"u8);
                var isExplain = !isRows && Is(ref reader, "explain"u8);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (isRows)
                {
                    decoded = RowDecoder.DecodeArray(ref reader, schema, maxRows, start);
                    rows = start..(int)reader.BytesConsumed;
                    continue;
                }

                reader.Skip();
                if (isExplain)
                {
                    explain = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False or JsonTokenType.Null => false,
                        _ => throw LodestarException.Invalid("'explain' must be true or false"),
                    };
                }
            }

            // Rows and their decoding are set together.
            return (rows ?? throw LodestarException.Invalid("'rows' must be a JSON array of objects, one per row"), explain, decoded!);
        }
        catch (JsonException error)
        {
            throw LodestarException.Invalid("the body is not valid JSON: " + error.Message);
        }
    }

    private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.ValueTextEquals(name) || (!reader.ValueIsEscaped && reader.ValueSpan.Length == name.Length && System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, name));
}
