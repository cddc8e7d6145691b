namespace Lodestar.Observability.Costs;

/// <summary>One group's usage: calls (answers), tokens, embeddings and cost.</summary>
public sealed record UsageTotal(string Group, long Calls, long InputTokens, long OutputTokens, long Embeddings, decimal Cost);
