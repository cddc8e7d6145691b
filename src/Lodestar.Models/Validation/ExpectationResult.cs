namespace Lodestar.Models.Validation;

/// <summary>How one expectation fared: rows checked and failed, what was observed, and the first failing data row (zero-based).</summary>
public sealed record ExpectationResult(Expectation Expectation, bool Success, int Evaluated, int Failed, string Observed, int? FirstFailedRow);
