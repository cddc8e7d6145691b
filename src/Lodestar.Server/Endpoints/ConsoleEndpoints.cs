using System.Net.ServerSentEvents;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Documents;
using Lodestar.Server.Observability;
using Lodestar.Server.Security;
using Lodestar.WebConsole.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// What the web console's scripts call, under the console cookie: the streaming ask. Each call must carry the page's
/// antiforgery token, since a cookie (unlike an API key) is sent by the browser on its own.
/// </summary>
internal static class ConsoleEndpoints
{
    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(ConsoleCookie.ApiPrefix).WithTags("Console").AddEndpointFilter(ValidateAntiforgeryAsync);
        group.MapPost("/knowledge-bases/{kb}/ask", Ask).RequireAuthorization(ConsolePolicies.Read);
        group.MapPost("/answers/{id}/rating", ObservabilityAnswerEndpoints.RateAsync).RequireAuthorization(ConsolePolicies.Read);
        return endpoints;
    }

    /// <summary>
    /// Streams the answer as server-sent events: <c>status</c> while retrieving, then one <c>answer</c> (the same JSON as
    /// the ask API, recorded and budgeted like it) or one <c>error</c> with a message. Generators return whole answers
    /// today; a token-streaming generator would add <c>delta</c> events between the two.
    /// </summary>
    private static ServerSentEventsResult<string> Ask(string kb, ConsoleAskBody? body, HttpContext context, KnowledgeAssistant assistant, AskObserver observer, IOptions<JsonOptions> json)
    {
        var principal = context.GetPrincipal();
        var request = new AskRequest(KnowledgeBaseId.Create(principal.TenantId, kb), body?.Question ?? string.Empty, principal, ConversationId: body?.SessionId);
        return TypedResults.ServerSentEvents(StreamAsync(context, request, assistant, observer, json.Value.SerializerOptions));
    }

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(HttpContext context, AskRequest request, KnowledgeAssistant assistant, AskObserver observer, JsonSerializerOptions json)
    {
        yield return new SseItem<string>("{\"stage\":\"retrieving\"}", "status");
        Answer? answer = null;
        string? error = null;
        try
        {
            answer = await observer.AskAsync(context, request, assistant.AskAsync, context.RequestAborted).ConfigureAwait(false);
        }
        catch (LodestarException exception)
        {
            // Headers are already sent: a bad question becomes an error event the page shows, not a broken stream.
            error = exception.Message;
        }

        yield return answer is null
            ? new SseItem<string>(JsonSerializer.Serialize(new { message = error }, json), "error")
            : new SseItem<string>(JsonSerializer.Serialize(answer, json), "answer");
    }

    private static async ValueTask<object?> ValidateAntiforgeryAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var antiforgery = invocation.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(invocation.HttpContext).ConfigureAwait(false))
        {
            throw LodestarException.Invalid("the console request token is missing or stale: reload the page");
        }

        return await next(invocation).ConfigureAwait(false);
    }

    internal sealed record ConsoleAskBody(string? Question, string? SessionId);
}
