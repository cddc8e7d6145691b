using System.Diagnostics;
using Lodestar.Server.Observability;
using Microsoft.AspNetCore.Http;

namespace Lodestar.Server.Tests.Observability;

public sealed class IncomingTraceContextMiddlewareTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string SpanId = "00f067aa0ba902b7";

    [Fact]
    public async Task InvokeAsync_Traceparent_RequestRunsInTheCallersTrace()
    {
        var seen = await SeenActivityAsync($"00-{TraceId}-{SpanId}-01", tracestate: "vendor=1");

        Assert.NotNull(seen);
        Assert.Equal(TraceId, seen.Value.TraceId);
        Assert.Equal(SpanId, seen.Value.ParentSpanId);
        Assert.Equal("vendor=1", seen.Value.TraceState);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-traceparent")]
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01")]
    public async Task InvokeAsync_NoOrMalformedTraceparent_NoActivity(string? traceparent)
    {
        Assert.Null(await SeenActivityAsync(traceparent));
    }

    [Fact]
    public async Task InvokeAsync_AmbientActivity_KeptAsItIs()
    {
        using var ambient = new Activity("ambient").Start();

        var seen = await SeenActivityAsync($"00-{TraceId}-{SpanId}-01");

        Assert.Equal(ambient.TraceId.ToString(), seen?.TraceId);
    }

    private static async Task<(string TraceId, string ParentSpanId, string? TraceState)?> SeenActivityAsync(string? traceparent, string? tracestate = null)
    {
        (string, string, string?)? seen = null;
        var middleware = new IncomingTraceContextMiddleware(_ =>
        {
            seen = Activity.Current is { } current ? (current.TraceId.ToString(), current.ParentSpanId.ToString(), current.TraceStateString) : null;
            return Task.CompletedTask;
        });
        var context = new DefaultHttpContext();
        if (traceparent is not null)
        {
            context.Request.Headers["traceparent"] = traceparent;
        }

        if (tracestate is not null)
        {
            context.Request.Headers["tracestate"] = tracestate;
        }

        await middleware.InvokeAsync(context);
        return seen;
    }
}
