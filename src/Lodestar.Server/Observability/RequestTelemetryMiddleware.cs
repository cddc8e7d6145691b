using System.Diagnostics;
using Lodestar.Core;
using Lodestar.Observability.Requests;
using Lodestar.Server.Errors;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Observability;

/// <summary>
/// Times every request: a latency histogram sample labelled with the route template (never the raw path, which may
/// hold ids), and a request-log sample for the operations series. Sits inside the exception handler, so a failing
/// request is counted with the status the handler will give it.
/// </summary>
internal sealed class RequestTelemetryMiddleware(RequestDelegate next, RequestRecorder recorder)
{
    /// <summary>Scrapes and health probes would drown the operations page's percentiles; they only feed the histogram.</summary>
    private static readonly HashSet<string> Unlogged = new(StringComparer.Ordinal) { "/metrics", "/healthz" };

    private static readonly string[] StatusClasses = ["0xx", "1xx", "2xx", "3xx", "4xx", "5xx"];

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        int? failedStatus = null;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            failedStatus = error switch
            {
                LodestarException expected => LodestarExceptionHandler.StatusOf(expected.Kind),
                BadHttpRequestException bad => bad.StatusCode,
                System.Text.Json.JsonException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            };
            throw;
        }
        finally
        {
            Record(context, failedStatus ?? context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Record(HttpContext context, int status, TimeSpan elapsed)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
        var tenant = PrincipalClaims.TenantOf(context.User);
        ServerTelemetry.RequestDuration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("method", context.Request.Method),
            new KeyValuePair<string, object?>("route", route),
            new KeyValuePair<string, object?>("status_class", StatusClass(status)),
            new KeyValuePair<string, object?>("tenant", tenant ?? "none"));
        if (!Unlogged.Contains(route))
        {
            recorder.Record(new RequestSample(DateTimeOffset.UtcNow, tenant, context.Request.Method, route, status, elapsed.TotalMilliseconds));
        }
    }

    private static string StatusClass(int status) => status is >= 0 and < 600 ? StatusClasses[status / 100] : (status / 100) + "xx";
}
