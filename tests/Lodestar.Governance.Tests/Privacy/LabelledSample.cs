using Lodestar.Governance.Privacy;

namespace Lodestar.Governance.Tests.Privacy;

/// <summary>One fixture line with its markup <c>{{TYPE|value}}</c> removed and the labels as findings.</summary>
internal sealed record LabelledSample(string Text, IReadOnlyList<PiiFinding> Labels)
{
    public static LabelledSample Parse(string line)
    {
        var text = new System.Text.StringBuilder();
        var labels = new List<PiiFinding>();
        var position = 0;
        while (line.IndexOf("{{", position, StringComparison.Ordinal) is var open and >= 0)
        {
            var bar = line.IndexOf('|', open);
            var close = line.IndexOf("}}", bar, StringComparison.Ordinal);
            text.Append(line, position, open - position);
            var value = line[(bar + 1)..close];
            labels.Add(new PiiFinding(line[(open + 2)..bar], text.Length, value.Length));
            text.Append(value);
            position = close + 2;
        }

        text.Append(line, position, line.Length - position);
        return new LabelledSample(text.ToString(), labels);
    }

    public static IReadOnlyList<LabelledSample> LoadFixture()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Privacy", "Fixtures", "pii-fixture.txt");
        return [.. File.ReadLines(path).Where(line => line.Length > 0).Select(Parse)];
    }
}
