namespace Lodestar.Observability.Operations;

/// <summary>What one tenant's answers consumed over the queried window.</summary>
public sealed record TenantCost(string TenantId, long Answers, long InputTokens, long OutputTokens, decimal Cost);
