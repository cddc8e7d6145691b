using System.Text;

namespace Lodestar.Models.Scoring;

/// <summary>Writes one CSV field, quoting (RFC 4180) only when it holds a comma, quote or line break.</summary>
internal static class CsvField
{
    public static StringBuilder Append(StringBuilder line, string? field) =>
        field is null ? line
        : field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? line.Append(field)
        : line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
}
