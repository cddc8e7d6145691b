using Lodestar.Observability.Requests;

namespace Lodestar.Storage.Tests.Observability;

/// <summary>What every <see cref="IRequestLog"/> must do; one subclass per backend.</summary>
public abstract class RequestLogContractTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    protected abstract IRequestLog CreateLog();

    [Fact]
    public async Task Append_ThenRead_HalfOpenWindowPerTenant()
    {
        var log = CreateLog();
        RequestSample[] samples =
        [
            new(Noon.AddSeconds(-1), "acme", "GET", "/v1/kb", 200, 1.5),
            new(Noon, "acme", "POST", "/v1/ask", 500, 12.25),
            new(Noon.AddSeconds(1), null, "GET", "/healthz", 200, 0.5),
            new(Noon.AddSeconds(2), "globex", "POST", "/v1/ask", 200, 8),
            new(Noon.AddMinutes(1), "acme", "GET", "/v1/kb", 200, 1),
        ];

        await log.AppendAsync(samples);
        await log.AppendAsync([]);
        var acme = await log.ReadAsync(Noon, Noon.AddMinutes(1), "acme");
        var all = await log.ReadAsync(Noon, Noon.AddMinutes(1), null);

        Assert.Equal([samples[1]], acme);
        Assert.Equal(samples[1..4], all);
    }

    [Fact]
    public async Task Prune_OlderThan_DeletesOnlyThose()
    {
        var log = CreateLog();
        await log.AppendAsync([new(Noon.AddDays(-8), "acme", "GET", "/", 200, 1), new(Noon, "acme", "GET", "/", 200, 1)]);

        var pruned = await log.PruneAsync(Noon.AddDays(-7));

        Assert.Equal(1, pruned);
        Assert.Single(await log.ReadAsync(Noon.AddDays(-30), Noon.AddDays(1), null));
    }
}
