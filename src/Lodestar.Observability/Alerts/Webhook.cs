namespace Lodestar.Observability.Alerts;

/// <summary>An address that receives a tenant's alert events as JSON POSTs.</summary>
public sealed record Webhook(string Id, string TenantId, Uri Url, DateTimeOffset CreatedAt);
