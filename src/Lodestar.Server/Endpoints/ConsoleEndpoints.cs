using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using Lodestar.Core;
using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Search;
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
    /// Streams the answer as server-sent events: <c>status</c> once the sources are found, <c>delta</c> as the answer is
    /// written, then one <c>answer</c> (the same JSON as the ask API, validated, recorded and budgeted like it) or one
    /// <c>error</c> with a message.
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
        var events = Channel.CreateUnbounded<SseItem<string>>(new UnboundedChannelOptions { SingleReader = true });
        var answering = AnswerIntoAsync(events.Writer, context, request, assistant, observer, json);
        await foreach (var item in events.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
        {
            yield return item;
        }

        await answering.ConfigureAwait(false);
    }

    private static async Task AnswerIntoAsync(ChannelWriter<SseItem<string>> events, HttpContext context, AskRequest request, KnowledgeAssistant assistant, AskObserver observer, JsonSerializerOptions json)
    {
        try
        {
            var stream = new ConsoleAnswerEvents(events, json);
            var answer = await observer.AskAsync(context, request, (ask, token) => assistant.AskStreamingAsync(ask, stream, token), context.RequestAborted).ConfigureAwait(false);
            events.TryWrite(new SseItem<string>(JsonSerializer.Serialize(answer, json), "answer"));
        }
        catch (LodestarException exception)
        {
            // Headers are already sent: a bad question becomes an error event the page shows, not a broken stream.
            events.TryWrite(new SseItem<string>(JsonSerializer.Serialize(new { message = exception.Message }, json), "error"));
        }
        finally
        {
            events.TryComplete();
        }
    }

    /// <summary>Turns the assistant's stream callbacks into console events.</summary>
    private sealed class ConsoleAnswerEvents(ChannelWriter<SseItem<string>> events, JsonSerializerOptions json) : IAnswerStream
    {
        public ValueTask SourcesAsync(IReadOnlyList<SearchHit> passages, string searchedQuestion, CancellationToken cancellationToken) =>
            events.WriteAsync(new SseItem<string>("{\"stage\":\"writing\"}", "status"), cancellationToken);

        public ValueTask DeltaAsync(string text, CancellationToken cancellationToken) =>
            events.WriteAsync(new SseItem<string>(JsonSerializer.Serialize(new { text }, json), "delta"), cancellationToken);
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
