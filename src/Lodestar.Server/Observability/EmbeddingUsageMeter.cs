using Lodestar.Knowledge.Indexes;
using Lodestar.Observability.Costs;
using Microsoft.Extensions.AI;

namespace Lodestar.Server.Observability;

/// <summary>
/// Wraps the embedding generator so every attributed call (ingest and query embeddings, see <see cref="EmbeddingAttribution"/>)
/// lands in the usage rollup under its tenant, knowledge base and model: the input count, the tokens the provider reports
/// (an OpenAI-compatible endpoint's <c>usage</c>) or, for a local encoder that reports none, the inputs' word count, priced
/// from <c>prices.json</c> (free unless the model is listed there). Index embeddings are charged to <see cref="IndexUser"/>.
/// </summary>
public sealed class EmbeddingUsageMeter(IEmbeddingGenerator<string, Embedding<float>> inner, BudgetGuard budgets, PriceTable prices, TimeProvider time)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    /// <summary>The user ingest embeddings are charged to: indexing is the system's work, whoever triggered the replay.</summary>
    public const string IndexUser = "system:index";

    /// <summary>The user query embeddings are charged to (the asker's answer record carries their own usage).</summary>
    public const string QueryUser = "system:query";

    private readonly string _model = inner.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? inner.GetType().Name;

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values as IReadOnlyCollection<string> ?? [.. values];
        var embeddings = await base.GenerateAsync(inputs, options, cancellationToken).ConfigureAwait(false);
        if (EmbeddingAttribution.TryRead(options, out var knowledgeBase, out var purpose))
        {
            var tokens = embeddings.Usage?.InputTokenCount ?? CountWords(inputs);
            var model = options?.ModelId ?? _model;
            await budgets.RecordAsync(new UsageEntry(time.GetUtcNow(), knowledgeBase.TenantId, purpose == EmbeddingAttribution.Ingest ? IndexUser : QueryUser, null,
                knowledgeBase.Name, model, tokens, 0, inputs.Count, prices.CostOf(model, tokens, 0, inputs.Count)), cancellationToken).ConfigureAwait(false);
        }

        return embeddings;
    }

    /// <summary>Whitespace-separated words: the token estimate for encoders that report no usage.</summary>
    public static long CountWords(IEnumerable<string> inputs)
    {
        long words = 0;
        foreach (var input in inputs)
        {
            var inWord = false;
            foreach (var c in input.AsSpan())
            {
                var space = char.IsWhiteSpace(c);
                words += !space && !inWord ? 1 : 0;
                inWord = !space;
            }
        }

        return words;
    }
}
