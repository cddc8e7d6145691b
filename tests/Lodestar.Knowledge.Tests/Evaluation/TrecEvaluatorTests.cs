using Lodestar.Knowledge.Evaluation;

namespace Lodestar.Knowledge.Tests.Evaluation;

public sealed class TrecEvaluatorTests
{
    private static readonly Dictionary<string, IReadOnlyDictionary<string, int>> Qrels = new()
    {
        ["q1"] = new Dictionary<string, int> { ["d1"] = 2, ["d2"] = 1, ["d3"] = 0 },
        ["q2"] = new Dictionary<string, int> { ["d4"] = 1 },
        ["q3"] = new Dictionary<string, int> { ["d5"] = 1 },
    };

    private static Dictionary<string, IReadOnlyList<(string DocumentId, double Score)>> Run() => new()
    {
        // d1 and d2 tie at 0.5: trec_eval ranks the larger docid first, so d2 is 2nd and d1 3rd.
        ["q1"] = [("d3", 1.0), ("d1", 0.5), ("d2", 0.5), ("dx", 0.1)],
        ["q2"] = [("d9", 3.0), ("d4", 2.0)],
        ["unjudged"] = [("d1", 1.0)],
    };

    [Fact]
    public void Evaluate_GradedTiedRun_MatchesHandComputedValues()
    {
        // Act
        var report = TrecEvaluator.Evaluate(Qrels, Run());

        // Assert q1: DCG = 1/log2(3) + 2/log2(4) = 1.630930, IDCG = 2 + 1/log2(3) = 2.630930.
        var q1 = report.PerQuery.Single(m => m.QueryId == "q1");
        Assert.Equal(0.619906, q1.NdcgAt10, 6);
        Assert.Equal(1.0, q1.RecallAt100, 6);
        Assert.Equal(0.5, q1.ReciprocalRankAt10, 6);
        Assert.Equal((0.5 + (2.0 / 3)) / 2, q1.AveragePrecision, 6);
        var q2 = report.PerQuery.Single(m => m.QueryId == "q2");
        Assert.Equal(0.630930, q2.NdcgAt10, 6);
        Assert.Equal(0.5, q2.AveragePrecision, 6);
    }

    [Fact]
    public void Evaluate_QueryMissingFromRun_CountsAsZeroInMeans()
    {
        // Act
        var report = TrecEvaluator.Evaluate(Qrels, Run());

        // Assert: three judged queries; q3 contributes zeros, the unjudged run entry is ignored.
        Assert.Equal(3, report.Queries);
        var q3 = report.PerQuery.Single(m => m.QueryId == "q3");
        Assert.Equal(0, q3.NdcgAt10);
        Assert.Equal((0.619906 + 0.630930) / 3, report.NdcgAt10, 5);
        Assert.Equal(2.0 / 3, report.RecallAt100, 6);
        Assert.Equal(1.0 / 3, report.MrrAt10, 6);
        Assert.Equal((((0.5 + (2.0 / 3)) / 2) + 0.5) / 3, report.Map, 6);
    }

    [Fact]
    public void Evaluate_FirstRelevantAtRank11_ReciprocalRankZeroButApCounts()
    {
        // Arrange
        var qrels = new Dictionary<string, IReadOnlyDictionary<string, int>> { ["q"] = new Dictionary<string, int> { ["rel"] = 1 } };
        var results = Enumerable.Range(0, 10).Select(i => ($"n{i}", 100.0 - i)).Append(("rel", 1.0)).ToList();
        var run = new Dictionary<string, IReadOnlyList<(string DocumentId, double Score)>> { ["q"] = results };

        // Act
        var metrics = TrecEvaluator.Evaluate(qrels, run).PerQuery[0];

        // Assert
        Assert.Equal(0, metrics.ReciprocalRankAt10);
        Assert.Equal(0, metrics.NdcgAt10);
        Assert.Equal(1.0 / 11, metrics.AveragePrecision, 9);
        Assert.Equal(1.0, metrics.RecallAt100);
    }

    [Fact]
    public void Evaluate_RelevantBeyondRank100_NotCountedInRecall()
    {
        // Arrange
        var qrels = new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            ["q"] = new Dictionary<string, int> { ["early"] = 1, ["late"] = 1 },
        };
        var results = Enumerable.Range(0, 150).Select(i => ($"n{i:D3}", 1000.0 - i)).ToList();
        results[0] = ("early", 2000);
        results[120] = ("late", 1);
        var run = new Dictionary<string, IReadOnlyList<(string DocumentId, double Score)>> { ["q"] = results };

        // Act
        var metrics = TrecEvaluator.Evaluate(qrels, run).PerQuery[0];

        // Assert
        Assert.Equal(0.5, metrics.RecallAt100);
    }
}
