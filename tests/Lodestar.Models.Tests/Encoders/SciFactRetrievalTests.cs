using System.Numerics.Tensors;
using Xunit.Abstractions;

namespace Lodestar.Models.Tests.Encoders;

/// <summary>End-to-end gate: dense retrieval on SciFact test must reproduce the TF.js reference scores.</summary>
public sealed class SciFactRetrievalTests(ITestOutputHelper output)
{
    // TF.js reference: whole document (title + " " + text) as one input, exact cosine.
    private const double ReferenceNdcgAt10 = 0.2168;
    private const double ReferenceRecallAt100 = 0.4921;

    [ModelFact]
    public void DenseRetrieval_SciFactTest_MatchesReferenceNdcgAndRecall()
    {
        var data = SciFactData.Load();
        var encoder = ReferenceFixture.Encoder;
        var documents = encoder.EmbedBatch(data.Corpus.Select(d => d.Title + " " + d.Text).ToArray());
        var queryIds = data.TestQrels.Keys.ToArray();
        var queries = encoder.EmbedBatch(queryIds.Select(id => data.Queries[id]).ToArray());

        double ndcg = 0, recall = 0;
        var scores = new float[documents.Length];
        for (var q = 0; q < queryIds.Length; q++)
        {
            for (var d = 0; d < documents.Length; d++)
            {
                scores[d] = TensorPrimitives.Dot(queries[q], documents[d]);
            }

            var ranked = Enumerable.Range(0, documents.Length)
                .OrderByDescending(d => scores[d])
                .Take(100)
                .Select(d => data.Corpus[d].Id)
                .ToArray();
            ndcg += RankingMetrics.NdcgAt(10, ranked, data.TestQrels[queryIds[q]]);
            recall += RankingMetrics.RecallAt(100, ranked, data.TestQrels[queryIds[q]]);
        }

        ndcg /= queryIds.Length;
        recall /= queryIds.Length;
        output.WriteLine($"SciFact test ({queryIds.Length} queries, {documents.Length} docs): nDCG@10 {ndcg:F4}, R@100 {recall:F4}");
        Assert.True(Math.Abs(ndcg - ReferenceNdcgAt10) <= 0.003, $"nDCG@10 {ndcg:F4}, reference {ReferenceNdcgAt10}");
        Assert.True(Math.Abs(recall - ReferenceRecallAt100) <= 0.01, $"R@100 {recall:F4}, reference {ReferenceRecallAt100}");
    }
}
