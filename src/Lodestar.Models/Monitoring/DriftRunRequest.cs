namespace Lodestar.Models.Monitoring;

/// <summary>
/// One drift run: each field left null falls back to the model's monitor (reference: champion, else the latest
/// version). The current window is <see cref="CurrentPath"/> (a CSV with the model's input columns) or the
/// predictions logged by the serving endpoint <see cref="Endpoint"/> for this model (since <see cref="Since"/>).
/// </summary>
public sealed record DriftRunRequest(
    string? Reference = null,
    string? CurrentPath = null,
    DriftOptions? Options = null,
    IReadOnlyList<DriftRule>? Rules = null,
    string? Endpoint = null,
    DateTimeOffset? Since = null);
