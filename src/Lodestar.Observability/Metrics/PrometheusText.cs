using System.Globalization;
using System.Text;

namespace Lodestar.Observability.Metrics;

/// <summary>The lexical rules of the Prometheus text exposition format 0.0.4: names, label escaping, numbers.</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// A metric name from an OpenTelemetry-style name and unit: dots and other invalid characters become '_', the unit
    /// becomes a suffix (s → _seconds, By → _bytes, 1 → _ratio; annotations like {token} add nothing).
    /// </summary>
    public static string MetricName(string name, string? unit)
    {
        var builder = new StringBuilder(name.Length + 12);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            builder.Append(char.IsAsciiLetter(c) || c is '_' or ':' || (i > 0 && char.IsAsciiDigit(c)) ? c : '_');
        }

        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            "1" => "_ratio",
            null or "" => string.Empty,
            _ when unit.StartsWith('{') => string.Empty,
            _ => "_" + LabelName(unit),
        };
        if (suffix.Length > 0 && !builder.ToString().EndsWith(suffix, StringComparison.Ordinal))
        {
            builder.Append(suffix);
        }

        return builder.ToString();
    }

    /// <summary>A label name: [a-zA-Z_][a-zA-Z0-9_]*, with names reserved by Prometheus (leading "__") avoided.</summary>
    public static string LabelName(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        while (builder.Length > 1 && builder[0] == '_' && builder[1] == '_')
        {
            builder.Remove(0, 1);
        }

        return builder.ToString();
    }

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static void AppendLabelValue(StringBuilder builder, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append("\\\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append("\\n"),
                _ => builder.Append(c),
            };
        }
    }

    /// <summary>Escapes HELP text: backslash and line feed.</summary>
    public static string Help(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
