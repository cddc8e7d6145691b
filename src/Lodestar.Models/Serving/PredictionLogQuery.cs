namespace Lodestar.Models.Serving;

/// <summary>Which logged predictions to read: one endpoint, optionally one model/version, a time range, at most <see cref="Limit"/> newest rows.</summary>
public sealed record PredictionLogQuery(
    string TenantId,
    string Endpoint,
    string? Model = null,
    int? Version = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    int Limit = 10_000);
