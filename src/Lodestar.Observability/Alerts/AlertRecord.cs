using Lodestar.Core;

namespace Lodestar.Observability.Alerts;

/// <summary>A stored alert event with its id and webhook delivery state.</summary>
public sealed record AlertRecord(long Id, AlertEvent Event, DateTimeOffset? DeliveredAt, int DeliveryAttempts);
