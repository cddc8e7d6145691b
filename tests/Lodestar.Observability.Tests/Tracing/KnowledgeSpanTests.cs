using System.Collections.Concurrent;
using System.Diagnostics;
using Lodestar.Knowledge;
using Lodestar.Observability.Tests.Support;

namespace Lodestar.Observability.Tests.Tracing;

public sealed class KnowledgeSpanTests
{
    [Fact]
    public async Task Ask_EmitsRetrieveAndGenerateSpans_WithCountsAndModel_ButNoQuestionOrDocumentText()
    {
        // Arrange: collect only spans under this test's own root, since other tests run in parallel.
        var spans = new ConcurrentBag<Activity>();
        using var root = new ActivitySource("Lodestar.Test.Spans");
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is KnowledgeTelemetry.Name or "Lodestar.Test.Spans",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var scenario = await AssistantScenario.StartAsync();

        // Act
        string traceId;
        using (var parent = root.StartActivity("test.ask"))
        {
            traceId = parent!.TraceId.ToString();
            await AssistantScenario.AskForIdAsync(scenario.Admin);
        }

        // Assert
        var mine = spans.Where(s => s.TraceId.ToString() == traceId).ToList();
        var names = mine.Select(s => s.OperationName).ToHashSet();
        Assert.Contains("knowledge.ask", names);
        Assert.Contains("knowledge.retrieve", names);
        var generate = Assert.Single(mine, s => s.OperationName == "knowledge.generate");
        Assert.Equal("tiny-chat", generate.GetTagItem("gen_ai.request.model"));
        Assert.Equal(1000L, generate.GetTagItem("gen_ai.usage.input_tokens"));
        var retrieve = mine.First(s => s.OperationName == "knowledge.retrieve");
        Assert.Equal("bm25", retrieve.GetTagItem("lodestar.retriever"));
        Assert.True((int)retrieve.GetTagItem("lodestar.hits")! > 0);
        var everyValue = string.Join('\n', mine.SelectMany(s => s.TagObjects).Select(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain("refund", everyValue, StringComparison.OrdinalIgnoreCase);
    }
}
