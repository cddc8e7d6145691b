using Lodestar.Core;

namespace Lodestar.Models.Validation;

/// <summary>The outcome of a suite on one dataset; <see cref="Success"/> only when every expectation passed.</summary>
public sealed record ValidationReport(string Suite, bool Success, int Rows, IReadOnlyList<ExpectationResult> Results)
{
    /// <summary>Blocks the caller's work (training, scoring) with a one-line error naming the failed expectations.</summary>
    public void ThrowIfFailed(string blocked)
    {
        if (Success)
        {
            return;
        }

        var failed = Results.Where(r => !r.Success).Select(r => $"{r.Expectation.Type}{(r.Expectation.Column is { } c ? "(" + c + ")" : "")}: {r.Observed}");
        throw LodestarException.Invalid($"{blocked} blocked: data validation suite '{Suite}' failed: {string.Join("; ", failed)}");
    }
}
