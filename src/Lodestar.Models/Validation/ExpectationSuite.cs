using System.Text.Json;
using Lodestar.Core;

namespace Lodestar.Models.Validation;

/// <summary>
/// A named list of expectations, read from JSON: <c>{"name":"loans","expectations":[{"type":"not_null","column":"age"}]}</c>.
/// Structural mistakes (unknown type, missing column or bounds) are rejected when the suite is read, not when it runs.
/// </summary>
public sealed record ExpectationSuite(string Name, IReadOnlyList<Expectation> Expectations)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    public static async Task<ExpectationSuite> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw LodestarException.Invalid($"expectation suite not found: {path}");
        }

        return Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), Path.GetFileNameWithoutExtension(path));
    }

    public static ExpectationSuite Parse(string json, string defaultName = "suite")
    {
        ExpectationSuite? suite;
        try
        {
            suite = JsonSerializer.Deserialize<ExpectationSuite>(json, Json);
        }
        catch (JsonException error)
        {
            throw new LodestarException(ErrorKind.Invalid, $"expectation suite is not valid JSON: {error.Message}", error);
        }

        if (suite?.Expectations is null)
        {
            throw LodestarException.Invalid("expectation suite needs an 'expectations' array");
        }

        suite = suite with { Name = string.IsNullOrWhiteSpace(suite.Name) ? defaultName : suite.Name };
        suite.Check();
        return suite;
    }

    /// <summary>Rejects expectations that could never be evaluated, naming the position of the first one.</summary>
    public void Check()
    {
        for (var i = 0; i < Expectations.Count; i++)
        {
            var problem = ProblemOf(Expectations[i]);
            if (problem is not null)
            {
                throw LodestarException.Invalid($"expectation {i + 1} ({Expectations[i]?.Type ?? "no type"}): {problem}");
            }
        }
    }

    private static string? ProblemOf(Expectation? e)
    {
        if (e?.Type is null || !ExpectationTypes.All.Contains(e.Type))
        {
            return $"unknown type; use one of {string.Join(", ", ExpectationTypes.All)}";
        }

        if (e.Type != ExpectationTypes.RowCount && string.IsNullOrEmpty(e.Column))
        {
            return "needs a 'column'";
        }

        if (e.Mostly is { } mostly && mostly is < 0 or > 1)
        {
            return "'mostly' must be between 0 and 1";
        }

        if (e.Min is { } min && e.Max is { } max && min > max)
        {
            return "'min' is greater than 'max'";
        }

        return e.Type switch
        {
            ExpectationTypes.Between or ExpectationTypes.RowCount or ExpectationTypes.MeanBetween or ExpectationTypes.StdevBetween when e.Min is null && e.Max is null => "needs 'min' and/or 'max'",
            ExpectationTypes.QuantileBetween when e.Quantile is not (>= 0 and <= 1) => "needs a 'quantile' between 0 and 1",
            ExpectationTypes.QuantileBetween when e.Min is null && e.Max is null => "needs 'min' and/or 'max'",
            ExpectationTypes.InSet when e.Values is not { Count: > 0 } => "needs a non-empty 'values' list",
            ExpectationTypes.Regex when string.IsNullOrEmpty(e.Pattern) => "needs a 'pattern'",
            ExpectationTypes.Regex => PatternProblem(e.Pattern!),
            _ => null,
        };
    }

    private static string? PatternProblem(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException error)
        {
            return $"'pattern' is not a valid regular expression: {error.Message}";
        }
    }
}
