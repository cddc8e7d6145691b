using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Lodestar.Server.Observability;

/// <summary>
/// Continues the caller's trace: a request with a <c>traceparent</c> header runs under an unrecorded Activity with that
/// parent, so Lodestar's spans, and the model calls it makes, join the caller's trace. With OTLP export on, the host
/// makes a recorded request Activity itself (the exporter listens to it) and this does nothing. Other requests cost one
/// header lookup: listening to the host's ActivitySource instead would make the host build activity options, parse
/// headers and allocate for every request (about 1% of a one-row prediction's CPU).
/// </summary>
internal sealed class IncomingTraceContextMiddleware(RequestDelegate next)
{
    private const string ActivityName = "Lodestar.Server.IncomingRequest";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (Activity.Current is not null
            || !headers.TryGetValue("traceparent", out var traceParent)
            || !ActivityContext.TryParse(traceParent.ToString(), headers["tracestate"].ToString(), isRemote: true, out var parent))
        {
            return next(context);
        }

        return ContinueTraceAsync(context, parent);
    }

    private async Task ContinueTraceAsync(HttpContext context, ActivityContext parent)
    {
        using var activity = new Activity(ActivityName);
        activity.SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
        activity.TraceStateString = parent.TraceState;
        activity.Start();
        await next(context).ConfigureAwait(false);
    }
}
