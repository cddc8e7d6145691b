namespace Lodestar.Models.Monitoring;

/// <summary>What one fired rule did: <see cref="Succeeded"/> and a short outcome (the new version for retrain, the HTTP status for a webhook).</summary>
public sealed record DriftActionOutcome(string Action, bool Succeeded, string Outcome, int? Version = null);
