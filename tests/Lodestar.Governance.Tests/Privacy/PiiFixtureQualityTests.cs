using System.Globalization;
using Lodestar.Governance.Privacy;
using Xunit.Abstractions;

namespace Lodestar.Governance.Tests.Privacy;

/// <summary>
/// Precision and recall per entity type on the labelled fixture (Fixtures/pii-fixture.txt, made by
/// generate_pii_fixture.py): exact spans only, near-miss numbers count as false positives when reported.
/// </summary>
public sealed class PiiFixtureQualityTests(ITestOutputHelper output)
{
    private const double Threshold = 0.95;

    [Fact]
    public void Detect_LabelledFixture_PrecisionAndRecallAtLeastThresholdPerType()
    {
        var samples = LabelledSample.LoadFixture();
        var redactor = new PiiRedactor();
        var policy = PiiPolicy.CreateDefault();
        var counts = PiiEntityTypes.BuiltIn.ToDictionary(type => type, _ => new int[3]);

        foreach (var sample in samples)
        {
            var predicted = redactor.Detect(sample.Text, policy);
            foreach (var finding in predicted)
            {
                counts[finding.EntityType][sample.Labels.Contains(finding) ? 0 : 1]++;
            }

            foreach (var label in sample.Labels.Where(label => !predicted.Contains(label)))
            {
                counts[label.EntityType][2]++;
                output.WriteLine($"missed {label.EntityType}: {sample.Text.Substring(label.Start, label.Length)} in \"{sample.Text}\"");
            }

            foreach (var finding in predicted.Where(finding => !sample.Labels.Contains(finding)))
            {
                output.WriteLine($"false {finding.EntityType}: {sample.Text.Substring(finding.Start, finding.Length)} in \"{sample.Text}\"");
            }
        }

        output.WriteLine("| Entity | Labelled | TP | FP | FN | Precision | Recall |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var failures = new List<string>();
        foreach (var (type, c) in counts)
        {
            var precision = c[0] + c[1] == 0 ? 1.0 : (double)c[0] / (c[0] + c[1]);
            var recall = c[0] + c[2] == 0 ? 1.0 : (double)c[0] / (c[0] + c[2]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {type} | {c[0] + c[2]} | {c[0]} | {c[1]} | {c[2]} | {precision:F3} | {recall:F3} |"));
            if (precision < Threshold || recall < Threshold)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{type}: P={precision:F3} R={recall:F3}"));
            }
        }

        Assert.True(samples.Sum(s => s.Labels.Count) >= 200, "the fixture must hold at least 200 labelled spans");
        Assert.Empty(failures);
    }
}
