using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite.Governance;

/// <summary>How governance values are written to and read from columns: ISO 8601 text and JSON string arrays.</summary>
internal static class SqliteValues
{
    public static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static object TimeOrNull(DateTimeOffset? value) => value is { } time ? Time(time) : DBNull.Value;

    public static string List(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    public static DateTimeOffset ReadTime(SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static DateTimeOffset? ReadTimeOrNull(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    public static IReadOnlyList<string> ReadList(SqliteDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal))
        ?? throw new InvalidDataException($"column {reader.GetName(ordinal)} holds null instead of a JSON array");
}
