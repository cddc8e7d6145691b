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
    private static readonly string[] StatusClasses = ["0xx", "1xx", "2xx", "3xx", "4xx", "5xx"];

    /// <summary>Most requests complete synchronously (a body that arrived with the headers, a model scored inline): they are recorded without an async frame.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        Task pending;
        try
        {
            pending = next(context);
        }
        catch (Exception error)
        {
            Record(context, StatusOf(error), started);
            throw;
        }

        if (!pending.IsCompletedSuccessfully)
        {
            return RecordWhenDoneAsync(pending, context, started);
        }

        Record(context, context.Response.StatusCode, started);
        return Task.CompletedTask;
    }

    private async Task RecordWhenDoneAsync(Task pending, HttpContext context, long started)
    {
        int? failedStatus = null;
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            failedStatus = StatusOf(error);
            throw;
        }
        finally
        {
            Record(context, failedStatus ?? context.Response.StatusCode, started);
        }
    }

    private static int StatusOf(Exception error) => error switch
    {
        LodestarException expected => LodestarExceptionHandler.StatusOf(expected.Kind),
        BadHttpRequestException bad => bad.StatusCode,
        System.Text.Json.JsonException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    private void Record(HttpContext context, int status, long started)
    {
        var ended = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(started, ended);
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
        var tenant = PrincipalClaims.TenantOf(context.User);
        // A TagList holds the four tags inline: no array per request.
        var tags = new TagList
        {
            { "method", context.Request.Method },
            { "route", route },
            { "status_class", StatusClass(status) },
            { "tenant", tenant ?? "none" },
        };
        ServerTelemetry.RequestDuration.Record(elapsed.TotalSeconds, in tags);
        if (!Unlogged(route))
        {
            recorder.Record(WallClock.At(ended), tenant, context.Request.Method, route, status, elapsed.TotalMilliseconds);
        }
    }

    /// <summary>Scrapes and health probes would drown the operations page's percentiles; they only feed the histogram.</summary>
    private static bool Unlogged(string route) => route is "/metrics" or "/healthz";

    private static string StatusClass(int status) => status is >= 0 and < 600 ? StatusClasses[status / 100] : (status / 100) + "xx";
}
