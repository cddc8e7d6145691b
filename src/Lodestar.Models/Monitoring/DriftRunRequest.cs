namespace Lodestar.Models.Monitoring;

/// <summary>
/// One drift run: each field left null falls back to the model's monitor (reference: champion, else the latest
/// version). <see cref="CurrentPath"/> is a CSV of the current window with the model's input columns.
/// </summary>
public sealed record DriftRunRequest(string? Reference = null, string? CurrentPath = null, DriftOptions? Options = null, IReadOnlyList<DriftRule>? Rules = null);
