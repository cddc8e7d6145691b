namespace Lodestar.Observability.Costs;

/// <summary>What one answer (or other billable call) consumed, attributed to tenant, user, key, knowledge base and model.</summary>
public sealed record UsageEntry(
    DateTimeOffset At,
    string TenantId,
    string UserId,
    string? KeyId,
    string KnowledgeBase,
    string Model,
    long InputTokens,
    long OutputTokens,
    long Embeddings,
    decimal Cost);
