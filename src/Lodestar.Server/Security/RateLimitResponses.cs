using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Lodestar.Server.Security;

/// <summary>The one shape of a 429: Retry-After in whole seconds and a problem details body saying why.</summary>
internal static class RateLimitResponses
{
    public static async Task WriteAsync(HttpContext context, IProblemDetailsService problems, TimeSpan retryAfter, string detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = $"{detail} (retry after {seconds} s)" },
        }).ConfigureAwait(false);
    }
}
