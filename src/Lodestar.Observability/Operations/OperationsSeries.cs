namespace Lodestar.Observability.Operations;

/// <summary>The operations page's data: buckets oldest first (empty buckets included) and cost per tenant, highest first.</summary>
public sealed record OperationsSeries(OperationsQuery Query, IReadOnlyList<OperationsBucket> Buckets, IReadOnlyList<TenantCost> CostPerTenant);
