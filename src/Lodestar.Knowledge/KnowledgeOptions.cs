using System.ComponentModel.DataAnnotations;
using Lodestar.Knowledge.Search;

namespace Lodestar.Knowledge;

/// <summary>Settings of the knowledge capability, bound from <c>Lodestar:Knowledge</c>.</summary>
public sealed class KnowledgeOptions
{
    /// <summary>Where per-knowledge-base index files live (derived data, rebuilt from the store when missing).</summary>
    [Required]
    public string IndexRoot { get; set; } = string.Empty;

    [Range(32, 4096)]
    public int ChunkMaxTokens { get; set; } = 256;

    [Range(0, 1024)]
    public int ChunkOverlapTokens { get; set; } = 32;

    /// <summary>Words per embedding window; encoders read a bounded prefix (USE lite: 128 pieces), so long chunks are embedded as several windows. 0 embeds each chunk as one input.</summary>
    [Range(0, 4096)]
    public int EmbeddingWindowWords { get; set; } = 72;

    /// <summary>Default stemmer of knowledge bases without their own analyzer settings: <c>porter</c> or <c>none</c>.</summary>
    [AllowedValues("porter", "none")]
    public string Stemmer { get; set; } = "porter";

    /// <summary>Default stop words: <c>english</c> or <c>none</c> (a custom list is a per-knowledge-base setting).</summary>
    [AllowedValues("english", "none")]
    public string StopWords { get; set; } = "english";

    public bool Lowercase { get; set; } = true;

    [Range(0.0, 10.0)]
    public float Bm25K1 { get; set; } = 0.9f;

    [Range(0.0, 1.0)]
    public float Bm25B { get; set; } = 0.4f;

    /// <summary>Files larger than this are skipped with a reason.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    [Range(1, 100_000)]
    public int MaxQuestionCharacters { get; set; } = 4_000;

    /// <summary>Weight of the dense ranking in hybrid fusion (BM25 gets 1 - this). 0.2 was best of 0.1–0.5 on SciFact's train split (docs/benchmarks.md).</summary>
    [Range(0.0, 1.0)]
    public double HybridDenseWeight { get; set; } = 0.2;

    /// <summary>How hybrid search fuses BM25 and dense rankings.</summary>
    public FusionMethod HybridFusion { get; set; } = FusionMethod.Weighted;

    /// <summary>The k of reciprocal rank fusion: 1 / (k + rank).</summary>
    [Range(1, 1000)]
    public int ReciprocalRankK { get; set; } = 60;

    /// <summary>Candidates each retriever contributes before fusion.</summary>
    [Range(10, 10_000)]
    public int FusionDepth { get; set; } = 100;

    /// <summary>First-stage candidates the rerank stage re-scores; the rest keep their order below them.</summary>
    [Range(1, 1000)]
    public int RerankDepth { get; set; } = 100;

    /// <summary>Rerank score: this·cosine(query, best embedding window) + (1 − this)·minmax(first-stage score). Chosen on SciFact's train split (docs/benchmarks.md).</summary>
    [Range(0.0, 1.0)]
    public double RerankWeight { get; set; } = 0.5;

    /// <summary>
    /// Tokens of conversation history a follow-up may draw on, newest turns first (the newest turn always fits).
    /// Counted as the chunker counts them (about 1.2 model tokens each in English prose).
    /// </summary>
    [Range(0, 100_000)]
    public int HistoryTokenBudget { get; set; } = 2_000;

    /// <summary>How long a chat model may take to rewrite a follow-up before the deterministic rewrite is used.</summary>
    [Range(1, 600)]
    public int ChatRewriteTimeoutSeconds { get; set; } = 15;

    /// <summary>Passages the answer composer reads.</summary>
    [Range(1, 50)]
    public int AnswerPassages { get; set; } = 5;
}
