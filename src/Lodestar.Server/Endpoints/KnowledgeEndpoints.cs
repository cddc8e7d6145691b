using Lodestar.Core;
using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Indexes;
using Lodestar.Knowledge.Search;
using Lodestar.Knowledge.Sync;
using Lodestar.Server.Observability;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>The knowledge assistant over HTTP: upload, ingest, search, ask.</summary>
internal static class KnowledgeEndpoints
{
    public static IEndpointRouteBuilder MapKnowledgeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/knowledge-bases/{kb}").WithTags("Knowledge");
        group.MapPost("/documents", UploadAsync).DisableAntiforgery().RequireAuthorization(Policies.Curate);
        group.MapPost("/ingest", IngestAsync).RequireAuthorization(Policies.Curate);
        group.MapGet("/search", SearchAsync).RequireAuthorization(Policies.Read);
        group.MapPost("/ask", AskAsync).RequireAuthorization(Policies.Read);
        group.MapPost("/ask/stream", AskStreamAsync).RequireAuthorization(Policies.Read).Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        group.MapGet("/documents", ListDocumentsAsync).RequireAuthorization(Policies.Curate);
        group.MapGet("/status", StatusAsync).RequireAuthorization(Policies.Read);
        return endpoints;
    }

    private static async Task<Created<UploadResult>> UploadAsync(string kb, IFormFile? file, HttpContext context, IngestionService ingestion, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            throw LodestarException.Invalid("send the document as a non-empty multipart/form-data field named 'file'");
        }

        var principal = context.GetPrincipal();
        await using var content = file.OpenReadStream();
        var result = await ingestion.UploadAsync(KnowledgeBaseId.Create(principal.TenantId, kb), file.FileName, content, AccessControlList.Open, principal, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/knowledge-bases/{kb}/documents/{result.DocumentId}", result);
    }

    private static async Task<Ok<IngestReport>> IngestAsync(string kb, IngestBody? body, HttpContext context, IngestionService ingestion, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Path))
        {
            throw LodestarException.Invalid("the body needs a 'path' on the server to ingest");
        }

        var principal = context.GetPrincipal();
        return TypedResults.Ok(await ingestion.IngestAsync(KnowledgeBaseId.Create(principal.TenantId, kb), body.Path, principal, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<SearchResponse>> SearchAsync(string kb, string? q, string? mode, int? k, bool? rerank, HttpContext context, KnowledgeSearcher searcher, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        var hits = await searcher.SearchAsync(new SearchRequest(KnowledgeBaseId.Create(principal.TenantId, kb), q ?? string.Empty, principal, ParseMode(mode) ?? SearchMode.Bm25, k ?? 10, rerank ?? false), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new SearchResponse(hits.Select(h => new SearchResult(h.DocumentId, h.Source, h.ChunkId, h.Score, h.Snippet, h.Title, h.HeadingPath)).ToList()));
    }

    private static async Task<Ok<Answer>> AskAsync(string kb, AskBody? body, HttpContext context, KnowledgeAssistant assistant, AskObserver observer, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        return TypedResults.Ok(await observer.AskAsync(context, ToAskRequest(kb, body, principal), assistant.AskAsync, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The answer as Server-Sent Events (see <see cref="KnowledgeAnswerStream"/>).</summary>
    private static async Task AskStreamAsync(string kb, AskBody? body, HttpContext context, KnowledgeAssistant assistant, AskObserver observer, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        var stream = new KnowledgeAnswerStream(context.Response);
        try
        {
            // Through the observer like /ask: the budget is checked first, and the answer is recorded and charged.
            var answer = await observer.AskAsync(context, ToAskRequest(kb, body, principal), (request, token) => assistant.AskStreamingAsync(request, stream, token), cancellationToken).ConfigureAwait(false);
            await stream.WriteEventAsync("answer", answer, cancellationToken).ConfigureAwait(false);
        }
        catch (LodestarException ex) when (stream.Started)
        {
            // Headers are gone: the error travels as the stream's last event instead of a status code.
            await stream.WriteEventAsync("error", new KnowledgeAnswerStream.ErrorEvent(ex.Message), cancellationToken).ConfigureAwait(false);
        }
    }

    private static AskRequest ToAskRequest(string kb, AskBody? body, Principal principal) =>
        new(KnowledgeBaseId.Create(principal.TenantId, kb), body?.Question ?? string.Empty, principal, ParseMode(body?.Mode), body?.SessionId, body?.Rerank ?? false);

    private static async Task<Ok<IReadOnlyList<DocumentSummary>>> ListDocumentsAsync(string kb, HttpContext context, IKnowledgeStore store, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        var documents = await store.ListDocumentsAsync(KnowledgeBaseId.Create(principal.TenantId, kb), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<DocumentSummary>>(documents.Select(d => new DocumentSummary(d.Id, d.Source, d.Title, d.ContentType, d.Length, d.IngestedAt)).ToList());
    }

    private static async Task<Ok<KnowledgeBaseStatus>> StatusAsync(string kb, HttpContext context, IngestionService ingestion, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        return TypedResults.Ok(await ingestion.StatusAsync(KnowledgeBaseId.Create(principal.TenantId, kb), cancellationToken).ConfigureAwait(false));
    }

    private static SearchMode? ParseMode(string? mode) =>
        string.IsNullOrWhiteSpace(mode) ? null
        : Enum.TryParse<SearchMode>(mode, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw LodestarException.Invalid($"unknown mode '{mode}': use bm25, dense or hybrid");

    internal sealed record IngestBody(string? Path);

    internal sealed record AskBody(string? Question, string? Mode, string? SessionId, bool? Rerank = null);

    internal sealed record SearchResult(string DocumentId, string Source, string ChunkId, double Score, string Snippet, string Title, string HeadingPath);

    internal sealed record SearchResponse(IReadOnlyList<SearchResult> Results);

    internal sealed record DocumentSummary(string Id, string Source, string Title, string ContentType, long Length, DateTimeOffset IngestedAt);
}
