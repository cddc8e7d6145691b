using Lodestar.Knowledge.Analysis;

namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// BM25 parameters and analysis. Title and body share one field (Anserini's "flat" BEIR setting);
/// <paramref name="TitleWeight"/> is how many times each title term counts (a whole number; 0 ignores titles).
/// The analyzer must stay the same for the life of an index; it defaults to <see cref="TextAnalyzer.English"/>.
/// </summary>
public sealed record LexicalIndexOptions(float K1 = 0.9f, float B = 0.4f, float TitleWeight = 1f, TextAnalyzer? Analyzer = null);
