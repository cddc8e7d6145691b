namespace Lodestar.Models.Validation;

/// <summary>
/// One declarative check on a dataset, in the JSON suite as <c>{"type":"between","column":"age","min":0,"max":120}</c>.
/// Which fields apply depends on <see cref="Type"/> (see <see cref="ExpectationTypes"/>); <see cref="Mostly"/> is the
/// share of rows that must pass (default all).
/// </summary>
public sealed record Expectation(
    string Type,
    string? Column = null,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? Values = null,
    string? Pattern = null,
    double? Quantile = null,
    double? Mostly = null);
