using Lodestar.Core;
using Lodestar.Observability.Answers;
using Lodestar.Server.Observability;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// Answer records: the asker sees and rates their own answers; admins and auditors see every answer of their tenant.
/// Anyone else gets 404, so an answer id reveals nothing about whether it exists.
/// </summary>
internal static class ObservabilityAnswerEndpoints
{
    public static IEndpointRouteBuilder MapAnswerRecordEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/answers").WithTags("Observability");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Authenticated);
        group.MapGet("/ratings", SummarizeRatingsAsync).RequireAuthorization(Policies.Audit);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.Authenticated);
        group.MapPost("/{id}/rating", RateAsync).RequireAuthorization(Policies.Authenticated);
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<AnswerRecord>>> ListAsync(int? limit, HttpContext context, IAnswerRecordStore records, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        var user = SeesWholeTenant(principal) ? null : principal.UserId;
        return TypedResults.Ok(await records.ListAsync(principal.TenantId, user, limit ?? 50, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<AnswerRecord>> GetAsync(string id, HttpContext context, IAnswerRecordStore records, CancellationToken cancellationToken) =>
        TypedResults.Ok(await FindVisibleAsync(id, context.GetPrincipal(), records, cancellationToken).ConfigureAwait(false));

    /// <summary>Only the asker rates: a rating is their verdict, not an operator's.</summary>
    internal static async Task<Ok<AnswerRating>> RateAsync(string id, RatingBody? body, HttpContext context, IAnswerRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        var rating = AnswerRating.Parse(body?.Rating, body?.Comment, time.GetUtcNow());
        var record = await records.GetAsync(principal.TenantId, id, cancellationToken).ConfigureAwait(false);
        if (record is null || record.UserId != principal.UserId)
        {
            throw LodestarException.NotFound($"no answer '{id}' of yours");
        }

        await records.RateAsync(principal.TenantId, id, rating, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(rating);
    }

    private static async Task<Ok<RatingsResponse>> SummarizeRatingsAsync(string? window, HttpContext context, IAnswerRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - QueryText.ParseDuration(window, TimeSpan.FromDays(30), "window");
        var perKnowledgeBase = await records.SummarizeRatingsAsync(context.GetPrincipal().TenantId, since, cancellationToken).ConfigureAwait(false);
        var total = new RatingSummary(null, perKnowledgeBase.Sum(s => s.Answers), perKnowledgeBase.Sum(s => s.Up), perKnowledgeBase.Sum(s => s.Down));
        return TypedResults.Ok(new RatingsResponse(since, total, perKnowledgeBase));
    }

    private static async Task<AnswerRecord> FindVisibleAsync(string id, Principal principal, IAnswerRecordStore records, CancellationToken cancellationToken)
    {
        var record = await records.GetAsync(principal.TenantId, id, cancellationToken).ConfigureAwait(false);
        return record is not null && (record.UserId == principal.UserId || SeesWholeTenant(principal))
            ? record
            : throw LodestarException.NotFound($"no answer '{id}' visible to you");
    }

    private static bool SeesWholeTenant(Principal principal) => principal.IsInRole(Role.Admin) || principal.IsInRole(Role.Auditor);

    internal sealed record RatingBody(string? Rating, string? Comment);

    internal sealed record RatingsResponse(DateTimeOffset Since, RatingSummary Total, IReadOnlyList<RatingSummary> KnowledgeBases);
}
