using System.Globalization;
using System.Text;

namespace Lodestar.Observability.Tests.Metrics;

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4, written from the format's specification: HELP/TYPE
/// comments, metric and label name grammar, the three label-value escapes, Go float syntax (NaN, ±Inf), one group per
/// metric with TYPE before its samples, no duplicate series, and histogram rules (le buckets cumulative, +Inf equal to _count).
/// Any violation throws <see cref="FormatException"/> naming the line.
/// </summary>
internal static class PrometheusTextParser
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "counter", "gauge", "histogram", "summary", "untyped" };

    public static IReadOnlyDictionary<string, MetricFamily> Parse(string text)
    {
        var families = new Dictionary<string, MetricFamily>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lines = text.Split('\n');
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition must end with a line feed");
        }

        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1];
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[0] == "#" && parts[1] is "HELP" or "TYPE")
                {
                    var name = RequireMetricName(parts[2], number);
                    var family = Enter(families, name, ref current, number);
                    if (parts[1] == "HELP")
                    {
                        family.Help = family.Help is null ? Unescape(parts.Length == 4 ? parts[3] : string.Empty, help: true, number) : throw Error(number, $"second HELP for {name}");
                    }
                    else
                    {
                        if (parts.Length != 4 || !Types.Contains(parts[3]))
                        {
                            throw Error(number, $"bad TYPE line '{line}'");
                        }

                        family.Type = family.Type is null && family.Samples.Count == 0 ? parts[3] : throw Error(number, $"TYPE for {name} repeated or after its samples");
                    }
                }

                continue;
            }

            Sample sample;
            try
            {
                sample = ParseSample(line, number);
            }
            catch (IndexOutOfRangeException)
            {
                throw Error(number, $"truncated sample '{line}'");
            }

            var owner = FamilyOf(sample.Name, families, current);
            var entered = Enter(families, owner, ref current, number);
            if (!series.Add(sample.Name + "{" + string.Join(',', sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}"))
            {
                throw Error(number, $"duplicate series {line}");
            }

            entered.Samples.Add(sample);
        }

        foreach (var family in families.Values)
        {
            Validate(family);
        }

        return families;
    }

    private static MetricFamily Enter(Dictionary<string, MetricFamily> families, string name, ref string? current, int number)
    {
        if (current != name && families.ContainsKey(name))
        {
            throw Error(number, $"lines of metric {name} are not in one group");
        }

        current = name;
        if (!families.TryGetValue(name, out var family))
        {
            families[name] = family = new MetricFamily(name);
        }

        return family;
    }

    /// <summary>_bucket/_sum/_count samples belong to the histogram or summary family being written.</summary>
    private static string FamilyOf(string sampleName, Dictionary<string, MetricFamily> families, string? current)
    {
        if (current is not null && families[current].Type is "histogram" or "summary")
        {
            foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
            {
                if (sampleName == current + suffix)
                {
                    return current;
                }
            }
        }

        return sampleName;
    }

    private static Sample ParseSample(string line, int number)
    {
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' '))
        {
            i++;
        }

        var name = RequireMetricName(line[..i], number);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var start = i;
                while (i < line.Length && line[i] != '=')
                {
                    i++;
                }

                var label = line[start..i];
                if (!IsLabelName(label) || label.StartsWith("__", StringComparison.Ordinal))
                {
                    throw Error(number, $"bad label name '{label}'");
                }

                if (i + 1 >= line.Length || line[i + 1] != '"')
                {
                    throw Error(number, "label value must be quoted");
                }

                i += 2;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        value.Append(line[++i] switch { '\\' => '\\', '"' => '"', 'n' => '\n', var c => throw Error(number, $"bad escape \\{c}") });
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                if (!labels.TryAdd(label, value.ToString()))
                {
                    throw Error(number, $"label {label} repeated");
                }

                i++;
                if (line[i] == ',')
                {
                    i++;
                }
                else if (line[i] != '}')
                {
                    throw Error(number, "expected ',' or '}' after a label");
                }
            }

            i++;
        }

        if (i >= line.Length || line[i] != ' ')
        {
            throw Error(number, "expected a space before the value");
        }

        var fields = line[(i + 1)..].Split(' ');
        if (fields.Length is < 1 or > 2 || (fields.Length == 2 && !long.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            throw Error(number, $"expected 'value [timestamp]', got '{line[(i + 1)..]}'");
        }

        return new Sample(name, labels, ParseValue(fields[0], number));
    }

    private static double ParseValue(string text, int number) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw Error(number, $"bad value '{text}'"),
    };

    private static void Validate(MetricFamily family)
    {
        if (family.Type is "counter" && family.Samples.Any(s => s.Value < 0 || double.IsNaN(s.Value)))
        {
            throw new FormatException($"counter {family.Name} has a negative or NaN value");
        }

        if (family.Type is not "histogram")
        {
            return;
        }

        foreach (var group in family.Samples.GroupBy(s => string.Join(',', s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value))))
        {
            var buckets = group.Where(s => s.Name == family.Name + "_bucket").ToList();
            var count = group.SingleOrDefault(s => s.Name == family.Name + "_count") ?? throw new FormatException($"histogram {family.Name}{{{group.Key}}} lacks _count");
            _ = group.SingleOrDefault(s => s.Name == family.Name + "_sum") ?? throw new FormatException($"histogram {family.Name}{{{group.Key}}} lacks _sum");
            if (buckets.Count == 0 || buckets.Any(b => !b.Labels.ContainsKey("le")))
            {
                throw new FormatException($"histogram {family.Name} has buckets without le");
            }

            var ordered = buckets.Select(b => (Le: ParseValue(b.Labels["le"], 0), b.Value)).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Le <= ordered[i - 1].Le || ordered[i].Value < ordered[i - 1].Value)
                {
                    throw new FormatException($"histogram {family.Name} buckets are not increasing and cumulative");
                }
            }

            if (!double.IsPositiveInfinity(ordered[^1].Le) || ordered[^1].Value != count.Value)
            {
                throw new FormatException($"histogram {family.Name} needs a last +Inf bucket equal to _count");
            }
        }
    }

    private static string RequireMetricName(string name, int number) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or ':') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':')
            ? name
            : throw Error(number, $"bad metric name '{name}'");

    private static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Unescape(string text, bool help, int number)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || !help)
            {
                builder.Append(text[i]);
                continue;
            }

            builder.Append(++i < text.Length ? text[i] switch { '\\' => '\\', 'n' => '\n', var c => throw Error(number, $"bad escape \\{c} in HELP") } : throw Error(number, "dangling backslash in HELP"));
        }

        return builder.ToString();
    }

    private static FormatException Error(int line, string message) => new($"line {line}: {message}");

    internal sealed class MetricFamily(string name)
    {
        public string Name { get; } = name;

        public string? Type { get; set; }

        public string? Help { get; set; }

        public List<Sample> Samples { get; } = [];
    }

    internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
