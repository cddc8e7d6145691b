using Lodestar.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Lodestar.Server.Errors;

/// <summary>
/// Turns failures into RFC 7807 problem details: expected errors keep their message and a 4xx status;
/// anything else is logged and answered with a generic 500 that reveals no internals.
/// </summary>
internal sealed partial class LodestarExceptionHandler(IProblemDetailsService problems, ILogger<LodestarExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            LodestarException expected => (StatusOf(expected.Kind), expected.Message),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            System.Text.Json.JsonException => (StatusCodes.Status400BadRequest, "the request body is not valid JSON"),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "the client closed the request"),
            _ => (StatusCodes.Status500InternalServerError, "an unexpected error occurred; it has been logged"),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Title = TitleOf(status), Detail = detail },
            Exception = exception,
        }).ConfigureAwait(false);
    }

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status503ServiceUnavailable,
    };

    private static string TitleOf(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Request too large",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => "Error",
    };

    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "Unhandled error serving {Path}")]
    private static partial void LogUnexpected(ILogger logger, string path, Exception exception);
}
