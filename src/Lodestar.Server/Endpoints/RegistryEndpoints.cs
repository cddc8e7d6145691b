using Lodestar.Core;
using Lodestar.Models.Registry;
using Lodestar.Models.Retraining;
using Lodestar.Models.Training;
using Lodestar.Models.Validation;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// The model registry over HTTP: train and register, versions with lineage and tags, aliases, promotion policies,
/// promotion requests with approval, and retraining. Read: members; change: curators; approve and set policy: admins.
/// </summary>
internal static class RegistryEndpoints
{
    public static IEndpointRouteBuilder MapRegistryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/models", ListAsync).WithTags("Registry").RequireAuthorization(Policies.Read);
        var model = endpoints.MapGroup("/v1/models/{name}").WithTags("Registry");
        model.MapGet("", GetAsync).RequireAuthorization(Policies.Read);
        model.MapPost("/train", TrainAsync).RequireAuthorization(Policies.Curate);
        model.MapPost("/retrain", RetrainAsync).RequireAuthorization(Policies.Curate);
        model.MapGet("/versions/{version}", GetVersionAsync).RequireAuthorization(Policies.Read);
        model.MapPut("/versions/{version}/tags/{key}", SetTagAsync).RequireAuthorization(Policies.Curate);
        model.MapDelete("/versions/{version}/tags/{key}", DeleteTagAsync).RequireAuthorization(Policies.Curate);
        model.MapGet("/aliases/{alias}", GetAliasAsync).RequireAuthorization(Policies.Read);
        model.MapPut("/aliases/{alias}", MoveAliasAsync).RequireAuthorization(Policies.Curate);
        model.MapGet("/policies/{alias}", GetPolicyAsync).RequireAuthorization(Policies.Read);
        model.MapPut("/policies/{alias}", SetPolicyAsync).RequireAuthorization(Policies.Administer);
        model.MapPost("/promotions", RequestPromotionAsync).RequireAuthorization(Policies.Curate);
        model.MapGet("/promotions", ListPromotionsAsync).RequireAuthorization(Policies.Read);
        model.MapGet("/promotions/{id}", GetPromotionAsync).RequireAuthorization(Policies.Read);
        model.MapPost("/promotions/{id}/approve", ApproveAsync).RequireAuthorization(Policies.Administer);
        model.MapPost("/promotions/{id}/reject", RejectAsync).RequireAuthorization(Policies.Administer);
        return endpoints;
    }

    private static async Task<Ok<ModelList>> ListAsync(HttpContext context, RegistryService registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ModelList(await registry.ListAsync(context.GetPrincipal(), cancellationToken).ConfigureAwait(false)));

    private static async Task<Ok<RegisteredModelSummary>> GetAsync(string name, HttpContext context, RegistryService registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.GetAsync(context.GetPrincipal(), name, cancellationToken).ConfigureAwait(false));

    private static async Task<Created<TrainResult>> TrainAsync(string name, TrainBody? body, HttpContext context, RegistryService registry, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.DataPath) || string.IsNullOrWhiteSpace(body.Target))
        {
            throw LodestarException.Invalid("the body needs 'dataPath' (a CSV on the server) and 'target' (the column to predict)");
        }

        var request = new TrainRequest(body.DataPath, body.Target, name, ParseAlgorithm(body.Algorithm), body.ValidPath, body.Expectations);
        request.Expectations?.Check();
        var result = await registry.TrainAsync(context.GetPrincipal(), request, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/models/{name}/versions/{result.Version}", result);
    }

    private static async Task<Created<RetrainResult>> RetrainAsync(string name, RetrainBody? body, HttpContext context, RetrainingService retraining, CancellationToken cancellationToken)
    {
        var result = await retraining.RetrainAsync(context.GetPrincipal(), name, body?.DataPath ?? string.Empty, body?.Base, body?.Alias ?? RetrainingService.Challenger, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/models/{name}/versions/{result.Trained.Version}", result);
    }

    private static async Task<Ok<VersionView>> GetVersionAsync(string name, int version, HttpContext context, RegistryService registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(VersionView.From(await registry.GetVersionAsync(context.GetPrincipal(), new ModelReference(name, null, version), cancellationToken).ConfigureAwait(false)));

    private static async Task<NoContent> SetTagAsync(string name, int version, string key, TagBody? body, HttpContext context, RegistryService registry, CancellationToken cancellationToken)
    {
        await registry.SetVersionTagAsync(context.GetPrincipal(), name, version, key, body?.Value ?? throw LodestarException.Invalid("the body needs a 'value'"), cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> DeleteTagAsync(string name, int version, string key, HttpContext context, RegistryService registry, CancellationToken cancellationToken)
    {
        await registry.SetVersionTagAsync(context.GetPrincipal(), name, version, key, null, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<VersionView>> GetAliasAsync(string name, string alias, HttpContext context, RegistryService registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(VersionView.From(await registry.GetVersionAsync(context.GetPrincipal(), ModelReference.Within(name, alias), cancellationToken).ConfigureAwait(false)));

    private static async Task<Ok<ModelAlias>> MoveAliasAsync(string name, string alias, AliasBody? body, HttpContext context, RegistryService registry, CancellationToken cancellationToken)
    {
        var version = body?.Version ?? throw LodestarException.Invalid("the body needs the 'version' the alias should point to");
        return TypedResults.Ok(await registry.MoveAliasAsync(context.GetPrincipal(), name, alias, version, body.ExpectedRowVersion, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<PromotionPolicy>> GetPolicyAsync(string name, string alias, HttpContext context, RegistryService registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.GetPolicyAsync(context.GetPrincipal(), name, alias, cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<PromotionPolicy>> SetPolicyAsync(string name, string alias, PolicyBody? body, HttpContext context, RegistryService registry, CancellationToken cancellationToken)
    {
        var policy = new PromotionPolicy(alias, body?.RequireApproval ?? true, body?.Metric, body?.HigherIsBetter ?? true);
        return TypedResults.Ok(await registry.SetPolicyAsync(context.GetPrincipal(), name, policy, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Created<PromotionRequest>> RequestPromotionAsync(string name, PromotionBody? body, HttpContext context, PromotionService promotions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Alias) || body.Version is not { } version)
        {
            throw LodestarException.Invalid("the body needs the 'alias' to move and the 'version' to point it at");
        }

        var request = await promotions.RequestAsync(context.GetPrincipal(), name, body.Alias, version, body.Comment, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/models/{name}/promotions/{request.Id}", request);
    }

    private static async Task<Ok<PromotionList>> ListPromotionsAsync(string name, HttpContext context, PromotionService promotions, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PromotionList(await promotions.ListAsync(context.GetPrincipal(), name, cancellationToken).ConfigureAwait(false)));

    private static async Task<Ok<PromotionRequest>> GetPromotionAsync(string name, string id, HttpContext context, PromotionService promotions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await promotions.GetAsync(context.GetPrincipal(), name, id, cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<ApprovalView>> ApproveAsync(string name, string id, DecisionBody? body, HttpContext context, PromotionService promotions, CancellationToken cancellationToken)
    {
        var (request, alias) = await promotions.ApproveAsync(context.GetPrincipal(), name, id, body?.Comment, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ApprovalView(request, alias));
    }

    private static async Task<Ok<PromotionRequest>> RejectAsync(string name, string id, DecisionBody? body, HttpContext context, PromotionService promotions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await promotions.RejectAsync(context.GetPrincipal(), name, id, body?.Comment, cancellationToken).ConfigureAwait(false));

    private static Algorithm ParseAlgorithm(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Algorithm.Gbdt
        : Enum.TryParse<Algorithm>(text, ignoreCase: true, out var algorithm) && Enum.IsDefined(algorithm) ? algorithm
        : throw LodestarException.Invalid($"unknown algorithm '{text}': use gbdt, logistic or linear");

    internal sealed record ModelList(IReadOnlyList<RegisteredModelSummary> Models);

    internal sealed record PromotionList(IReadOnlyList<PromotionRequest> Promotions);

    internal sealed record ApprovalView(PromotionRequest Request, ModelAlias Alias);

    internal sealed record TrainBody(string? DataPath, string? Target, string? Algorithm, string? ValidPath, ExpectationSuite? Expectations);

    internal sealed record RetrainBody(string? DataPath, string? Base, string? Alias);

    internal sealed record TagBody(string? Value);

    internal sealed record AliasBody(int? Version, long? ExpectedRowVersion);

    internal sealed record PolicyBody(bool? RequireApproval, string? Metric, bool? HigherIsBetter);

    internal sealed record PromotionBody(string? Alias, int? Version, string? Comment);

    internal sealed record DecisionBody(string? Comment);
}
