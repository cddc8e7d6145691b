using System.Security.Cryptography;
using System.Text;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Ingestion;
using Lodestar.Knowledge.Search;
using Lodestar.Knowledge.Sync;

namespace Lodestar.Knowledge.Evaluation;

/// <summary>
/// Measures retrieval quality end to end: ingests a BEIR corpus through the normal write path (chunking or not),
/// runs every judged query through the normal search path, folds chunk hits into document scores (max), and
/// scores the run as trec_eval does. Run it against a scratch store; it writes a knowledge base named "eval".
/// </summary>
public sealed class RetrievalEvaluator
{
    /// <summary>Documents per query handed to the metric computation (Anserini's default run depth).</summary>
    public const int RunDepth = 1_000;

    private const string Origin = "beir";

    private readonly IKnowledgeStore _store;
    private readonly DocumentWriter _writer;
    private readonly KnowledgeSearcher _searcher;

    internal RetrievalEvaluator(IKnowledgeStore store, DocumentWriter writer, KnowledgeSearcher searcher)
    {
        _store = store;
        _writer = writer;
        _searcher = searcher;
    }

    public async Task<EvaluationRun> RunAsync(BeirDataset dataset, SearchMode mode, bool chunking, bool rerank = false, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var knowledgeBase = new KnowledgeBaseId(Principal.DefaultTenant, "eval");
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        // A reused store (a kept work directory) only writes what changed, so repeated runs skip re-indexing.
        var unitMarker = chunking ? "chunked" : "whole";
        var stored = (await _store.ListFingerprintsAsync(knowledgeBase, Origin, cancellationToken).ConfigureAwait(false)).ToDictionary(f => f.Source, StringComparer.Ordinal);
        for (var i = 0; i < dataset.Corpus.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var document = dataset.Corpus[i];
            var parsed = new ParsedDocument(document.Title, document.Text, [new DocumentSection(string.Empty, 0, document.Text.Length, SectionKind.Paragraph)], "text/plain");
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(unitMarker + "\n" + document.Title + "\n" + document.Text)));
            if (stored.TryGetValue(document.Id, out var existing) && existing.ContentHash == hash)
            {
                sources[existing.DocumentId] = document.Id;
                continue;
            }

            try
            {
                var id = await _writer.WriteAsync(knowledgeBase, Origin, document.Id, parsed, hash, document.Text.Length, AccessControlList.Open, chunking, cancellationToken).ConfigureAwait(false);
                sources[id] = document.Id;
            }
            catch (DocumentParseException)
            {
                // An empty corpus document cannot be retrieved; trec_eval still counts it as relevant where judged.
            }

            if (i % 500 == 0)
            {
                progress?.Report($"stored {i}/{dataset.Corpus.Count} documents");
            }
        }

        progress?.Report("indexing");
        var run = new Dictionary<string, IReadOnlyList<(string DocumentId, double Score)>>(StringComparer.Ordinal);
        var done = 0;
        foreach (var (queryId, text) in dataset.Queries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ranked = await _searcher.RankAsync(new SearchRequest(knowledgeBase, text, Principal.LocalAdministrator, mode, RunDepth, rerank), cancellationToken).ConfigureAwait(false);
            var best = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var hit in ranked)
            {
                var source = sources[hit.DocumentId];
                if (!best.TryGetValue(source, out var score) || hit.Score > score)
                {
                    best[source] = hit.Score;
                }
            }

            run[queryId] = best.Select(pair => (pair.Key, pair.Value)).ToList();
            if (++done % 100 == 0)
            {
                progress?.Report($"ran {done}/{dataset.Queries.Count} queries");
            }
        }

        return new EvaluationRun(TrecEvaluator.Evaluate(dataset.Qrels, run), run);
    }
}
