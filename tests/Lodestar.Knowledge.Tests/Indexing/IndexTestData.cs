using Lodestar.Knowledge.Analysis;
using Lodestar.Knowledge.Indexing;

namespace Lodestar.Knowledge.Tests.Indexing;

internal static class IndexTestData
{
    /// <summary>No stop words or stemming, so expected scores are easy to compute by hand.</summary>
    public static readonly LexicalIndexOptions PlainOptions =
        new(Analyzer: new TextAnalyzer(new TextAnalyzerOptions(StopWords: null, Stem: false)));

    public static LexicalDocument Chunk(string chunkId, string documentId, string body, string title = "") =>
        new(chunkId, documentId, title, body);

    public static string[] ChunkIds(IReadOnlyList<LexicalHit> hits) => [.. hits.Select(h => h.ChunkId)];
}
