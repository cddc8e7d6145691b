using Lodestar.Knowledge.Evaluation;
using Lodestar.Testing;
using Lodestar.Knowledge.Indexing;

namespace Lodestar.Knowledge.Tests.Evaluation;

public sealed class SciFactQualityGateTests
{
    [Fact]
    public void Bm25Flat_SciFactTest_MatchesAnseriniBaseline()
    {
        // Arrange: one unit per document, title + text in one field (Anserini "flat", k1=0.9 b=0.4).
        var dataset = BeirDataset.Load(SharedData.Dataset("scifact"), "test");
        using var index = LexicalIndex.CreateInMemory();
        index.Add(dataset.Corpus.Select(d => new LexicalDocument(d.Id, d.Id, d.Title, d.Text)));
        index.Commit();

        // Act
        var run = new Dictionary<string, IReadOnlyList<(string DocumentId, double Score)>>();
        foreach (var (queryId, text) in dataset.Queries)
        {
            run[queryId] = index.Search(text, 1000).Select(h => (h.DocumentId, (double)h.Score)).ToList();
        }

        var report = TrecEvaluator.Evaluate(dataset.Qrels, run);

        // Assert: Anserini BM25 flat reports nDCG@10 0.6789, Recall@100 0.9253.
        Assert.Equal(300, report.Queries);
        Assert.True(report.NdcgAt10 >= 0.679, $"nDCG@10 {report.NdcgAt10:F4} < 0.679");
        Assert.True(report.RecallAt100 >= 0.925, $"Recall@100 {report.RecallAt100:F4} < 0.925");
    }
}
