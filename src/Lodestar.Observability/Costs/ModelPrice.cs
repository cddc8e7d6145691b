namespace Lodestar.Observability.Costs;

/// <summary>What a model costs, in the price table's currency: per 1,000 input and output tokens, and per embedded text.</summary>
public sealed record ModelPrice(decimal InputPer1k, decimal OutputPer1k, decimal PerEmbedding = 0m)
{
    public decimal CostOf(long inputTokens, long outputTokens, long embeddings = 0) =>
        (inputTokens * InputPer1k / 1000m) + (outputTokens * OutputPer1k / 1000m) + (embeddings * PerEmbedding);
}
