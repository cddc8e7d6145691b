namespace Lodestar.Core;

/// <summary>One security-relevant event: who did what to which target, with small string details.</summary>
public sealed record AuditEvent(
    string TenantId,
    string Actor,
    string Action,
    string Target,
    IReadOnlyDictionary<string, string>? Details = null);
