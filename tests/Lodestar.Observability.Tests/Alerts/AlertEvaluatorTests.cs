using Lodestar.Core;
using Lodestar.Observability.Alerts;
using Lodestar.Observability.Answers;
using Lodestar.Observability.Costs;
using Lodestar.Observability.Tests.Support;

namespace Lodestar.Observability.Tests.Alerts;

public sealed class AlertEvaluatorTests
{
    [Fact]
    public async Task Evaluate_GroundednessBelowThreshold_FiresOnceThenResolves()
    {
        // Arrange
        var clock = new ManualTime(DateTimeOffset.UtcNow);
        using var services = new ObservabilityServices(clock);
        var store = services.Get<IAlertStore>();
        var records = services.Get<IAnswerRecordStore>();
        var rule = AlertRule.Create("t1", "grounding", AlertMetric.GroundednessMean, null, 0.6, TimeSpan.FromHours(1), AlertSeverity.Critical);
        await store.SaveRuleAsync(rule);
        var evaluator = services.Get<AlertEvaluator>();
        Assert.Equal(0, await evaluator.EvaluateAsync());
        await AddAnswersAsync(records, "t1", 0.2, 3, clock.Now.AddMinutes(-2));
        await AddAnswersAsync(records, "t2", 1.0, 50, clock.Now.AddMinutes(-2));

        // Act
        var fired = await evaluator.EvaluateAsync();
        var repeated = await evaluator.EvaluateAsync();
        await AddAnswersAsync(records, "t1", 1.0, 10, clock.Now.AddMinutes(-1));
        var resolved = await evaluator.EvaluateAsync();

        // Assert
        Assert.Equal((1, 0, 1), (fired, repeated, resolved));
        var events = await store.ListAsync("t1", clock.Now.AddHours(-1), 10);
        Assert.Equal([AlertSeverity.Info, AlertSeverity.Critical], events.Select(e => e.Event.Severity));
        Assert.Contains("GroundednessMean is 0.2", events[1].Event.Message, StringComparison.Ordinal);
        Assert.Equal("resolved", events[0].Event.Details!["state"]);
        Assert.Empty(await store.ListAsync("t2", clock.Now.AddHours(-1), 10));
    }

    [Fact]
    public async Task Evaluate_BudgetUsedRule_FiresAtEightyPercent()
    {
        // Arrange
        using var services = new ObservabilityServices();
        var usage = services.Get<IUsageStore>();
        await usage.SetBudgetAsync(Budget.Create("t1", BudgetScope.Tenant, "t1", null, 10m));
        await services.Get<IAlertStore>().SaveRuleAsync(AlertRule.Create("t1", "budget", AlertMetric.BudgetUsed, null, 0.8, null, AlertSeverity.Warning));
        await usage.AddAsync(new UsageEntry(DateTimeOffset.UtcNow, "t1", "u", null, "kb", "m", 1, 1, 0, 7.9m));
        var evaluator = services.Get<AlertEvaluator>();

        // Act
        var below = await evaluator.EvaluateAsync();
        await usage.AddAsync(new UsageEntry(DateTimeOffset.UtcNow, "t1", "u", null, "kb", "m", 1, 1, 0, 0.2m));
        var above = await evaluator.EvaluateAsync();

        // Assert
        Assert.Equal((0, 1), (below, above));
        Assert.Contains("BudgetUsed is 0.81", Assert.Single(await services.Get<IAlertStore>().ListAsync("t1", DateTimeOffset.UtcNow.AddHours(-1), 10)).Event.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 1.0, "a name")]
    [InlineData("r", double.NaN, "threshold must be a finite number")]
    public void Create_BadRule_IsRejectedWithReason(string? name, double threshold, string expected)
    {
        // Act
        var error = Assert.Throws<LodestarException>(() => AlertRule.Create("t1", name, AlertMetric.ErrorRate, null, threshold, null, null));

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static async Task AddAnswersAsync(IAnswerRecordStore records, string tenant, double groundedness, int count, DateTimeOffset at)
    {
        for (var i = 0; i < count; i++)
        {
            await records.AddAsync(new AnswerRecord(Guid.NewGuid().ToString("N"), tenant, "u", null, "kb", at, QuestionPrivacy.Omitted, null,
                "extractive", null, "bm25", 1, [], [], new AnswerLatency(1, 1, 3), 0, 0, 0m, groundedness, true));
        }
    }
}
