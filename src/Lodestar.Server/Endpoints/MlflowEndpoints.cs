using System.Globalization;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Models.Tracking;
using Lodestar.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lodestar.Server.Endpoints;

/// <summary>
/// The subset of MLflow's tracking REST API (2.0) that lets an unmodified MLflow client log to Lodestar:
/// experiments create/get/get-by-name/search, runs create/get/update/log-metric/log-parameter/set-tag/log-batch/search,
/// metrics/get-history. Errors use MLflow's <c>{"error_code","message"}</c> shape. Covered calls: src/Lodestar.Models/README.md.
/// </summary>
internal static class MlflowEndpoints
{
    public static IEndpointRouteBuilder MapMlflowEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var mlflow = endpoints.MapGroup("/api/2.0/mlflow").WithTags("MLflow").AddEndpointFilter(TranslateErrors);
        mlflow.MapPost("/experiments/create", CreateExperimentAsync).RequireAuthorization(Policies.Curate);
        mlflow.MapGet("/experiments/get", GetExperimentAsync).RequireAuthorization(Policies.Read);
        mlflow.MapGet("/experiments/get-by-name", GetExperimentByNameAsync).RequireAuthorization(Policies.Read);
        mlflow.MapMethods("/experiments/search", ["GET", "POST"], SearchExperimentsAsync).RequireAuthorization(Policies.Read);
        mlflow.MapPost("/runs/create", CreateRunAsync).RequireAuthorization(Policies.Curate);
        mlflow.MapGet("/runs/get", GetRunAsync).RequireAuthorization(Policies.Read);
        mlflow.MapPost("/runs/update", UpdateRunAsync).RequireAuthorization(Policies.Curate);
        mlflow.MapPost("/runs/log-metric", LogMetricAsync).RequireAuthorization(Policies.Curate);
        mlflow.MapPost("/runs/log-parameter", LogParamAsync).RequireAuthorization(Policies.Curate);
        mlflow.MapPost("/runs/set-tag", SetTagAsync).RequireAuthorization(Policies.Curate);
        mlflow.MapPost("/runs/log-batch", LogBatchAsync).RequireAuthorization(Policies.Curate);
        mlflow.MapPost("/runs/search", SearchRunsAsync).RequireAuthorization(Policies.Read);
        mlflow.MapGet("/metrics/get-history", GetHistoryAsync).RequireAuthorization(Policies.Read);
        return endpoints;
    }

    private static async Task<IResult> CreateExperimentAsync(MlflowRequest body, HttpContext context, TrackingService tracking, CancellationToken cancellationToken)
    {
        try
        {
            var experiment = await tracking.CreateExperimentAsync(context.GetPrincipal(), body.Name ?? string.Empty, cancellationToken).ConfigureAwait(false);
            return Results.Json(new { experiment_id = experiment.Id });
        }
        catch (LodestarException exists) when (exists.Kind == ErrorKind.Conflict)
        {
            return Error(StatusCodes.Status400BadRequest, "RESOURCE_ALREADY_EXISTS", exists.Message);
        }
    }

    private static async Task<IResult> GetExperimentAsync(string? experiment_id, HttpContext context, TrackingService tracking, CancellationToken cancellationToken) =>
        Results.Json(new { experiment = Experiment(await tracking.GetExperimentAsync(context.GetPrincipal(), Required(experiment_id, "experiment_id"), null, cancellationToken).ConfigureAwait(false)) });

    private static async Task<IResult> GetExperimentByNameAsync(string? experiment_name, HttpContext context, TrackingService tracking, CancellationToken cancellationToken) =>
        Results.Json(new { experiment = Experiment(await tracking.GetExperimentAsync(context.GetPrincipal(), null, Required(experiment_name, "experiment_name"), cancellationToken).ConfigureAwait(false)) });

    private static async Task<IResult> SearchExperimentsAsync(HttpContext context, TrackingService tracking, CancellationToken cancellationToken)
    {
        var body = await BodyOrEmptyAsync(context, cancellationToken).ConfigureAwait(false);
        NoFilter(body.Filter ?? context.Request.Query["filter"].ToString());
        var max = body.MaxResults ?? (int.TryParse(context.Request.Query["max_results"], CultureInfo.InvariantCulture, out var m) ? m : 1000);
        var experiments = await tracking.ListExperimentsAsync(context.GetPrincipal(), cancellationToken).ConfigureAwait(false);
        return Results.Json(new { experiments = experiments.Take(Math.Max(1, max)).Select(Experiment).ToList() });
    }

    private static async Task<IResult> CreateRunAsync(MlflowRequest body, HttpContext context, TrackingService tracking, CancellationToken cancellationToken)
    {
        var tags = Pairs(body.Tags, "tags");
        var run = await tracking.CreateRunAsync(context.GetPrincipal(), Required(body.ExperimentId, "experiment_id"), body.RunName ?? tags.GetValueOrDefault("mlflow.runName"), tags,
            body.StartTime is { } start ? DateTimeOffset.FromUnixTimeMilliseconds(start) : null, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { run = Run(run) });
    }

    private static async Task<IResult> GetRunAsync(string? run_id, string? run_uuid, HttpContext context, TrackingService tracking, CancellationToken cancellationToken) =>
        Results.Json(new { run = Run(await tracking.GetRunAsync(context.GetPrincipal(), Required(run_id ?? run_uuid, "run_id"), cancellationToken).ConfigureAwait(false)) });

    private static async Task<IResult> UpdateRunAsync(MlflowRequest body, HttpContext context, TrackingService tracking, CancellationToken cancellationToken)
    {
        var principal = context.GetPrincipal();
        var id = RunId(body);
        var run = body.Status switch
        {
            null or "RUNNING" or "SCHEDULED" => await tracking.GetRunAsync(principal, id, cancellationToken).ConfigureAwait(false),
            "FINISHED" => await EndAsync(RunStatus.Finished).ConfigureAwait(false),
            "FAILED" or "KILLED" => await EndAsync(RunStatus.Failed).ConfigureAwait(false),
            _ => throw LodestarException.Invalid($"unknown run status '{body.Status}'"),
        };
        return Results.Json(new { run_info = Run(run).Info });

        Task<Run> EndAsync(RunStatus status) =>
            tracking.EndRunAsync(principal, id, status, body.EndTime is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null, cancellationToken);
    }

    private static async Task<IResult> LogMetricAsync(MlflowRequest body, HttpContext context, TrackingService tracking, CancellationToken cancellationToken)
    {
        var value = body.Value is { } element ? NumberOf(element) : throw LodestarException.Invalid("missing value for required parameter 'value'");
        var metric = Point(new MlflowMetric(body.Key, value, body.Timestamp, body.Step));
        await tracking.LogAsync(context.GetPrincipal(), RunId(body), [metric], Empty, Empty, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { });
    }

    private static async Task<IResult> LogParamAsync(MlflowRequest body, HttpContext context, TrackingService tracking, CancellationToken cancellationToken)
    {
        var param = new Dictionary<string, string> { [Required(body.Key, "key")] = TextOf(body.Value) };
        await tracking.LogAsync(context.GetPrincipal(), RunId(body), [], param, Empty, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { });
    }

    private static async Task<IResult> SetTagAsync(MlflowRequest body, HttpContext context, TrackingService tracking, CancellationToken cancellationToken)
    {
        var tag = new Dictionary<string, string> { [Required(body.Key, "key")] = TextOf(body.Value) };
        await tracking.LogAsync(context.GetPrincipal(), RunId(body), [], Empty, tag, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { });
    }

    private static async Task<IResult> LogBatchAsync(MlflowRequest body, HttpContext context, TrackingService tracking, CancellationToken cancellationToken)
    {
        var metrics = (body.Metrics ?? []).Select(Point).ToList();
        await tracking.LogAsync(context.GetPrincipal(), RunId(body), metrics, Pairs(body.Params, "params"), Pairs(body.Tags, "tags"), cancellationToken).ConfigureAwait(false);
        return Results.Json(new { });
    }

    private static async Task<IResult> SearchRunsAsync(MlflowRequest body, HttpContext context, TrackingService tracking, CancellationToken cancellationToken)
    {
        NoFilter(body.Filter);
        var ids = body.ExperimentIds is { Count: > 0 } given ? given : throw LodestarException.Invalid("missing value for required parameter 'experiment_ids'");
        var runs = await tracking.SearchRunsAsync(context.GetPrincipal(), ids, body.MaxResults ?? 1000, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { runs = runs.Select(Run).ToList() });
    }

    private static async Task<IResult> GetHistoryAsync(string? run_id, string? run_uuid, string? metric_key, HttpContext context, TrackingService tracking, CancellationToken cancellationToken)
    {
        var run = await tracking.GetRunAsync(context.GetPrincipal(), Required(run_id ?? run_uuid, "run_id"), cancellationToken).ConfigureAwait(false);
        var key = Required(metric_key, "metric_key");
        return Results.Json(new { metrics = run.Metrics.Where(m => m.Key == key).OrderBy(m => m.Step).Select(Metric).ToList() });
    }

    /// <summary>Lodestar errors in MLflow's shape, so MLflow clients raise their usual exceptions.</summary>
    private static async ValueTask<object?> TranslateErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (LodestarException error) when (error.Kind is ErrorKind.NotFound or ErrorKind.Conflict or ErrorKind.Forbidden or ErrorKind.Invalid)
        {
            return error.Kind switch
            {
                ErrorKind.NotFound => Error(StatusCodes.Status404NotFound, "RESOURCE_DOES_NOT_EXIST", error.Message),
                ErrorKind.Conflict => Error(StatusCodes.Status400BadRequest, "INVALID_STATE", error.Message),
                ErrorKind.Forbidden => Error(StatusCodes.Status403Forbidden, "PERMISSION_DENIED", error.Message),
                _ => Error(StatusCodes.Status400BadRequest, "INVALID_PARAMETER_VALUE", error.Message),
            };
        }
    }

    private static IResult Error(int status, string code, string message) => Results.Json(new MlflowError(code, message), statusCode: status);

    private static readonly Dictionary<string, string> Empty = [];

    private static async Task<MlflowRequest> BodyOrEmptyAsync(HttpContext context, CancellationToken cancellationToken) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.ContentLength is not 0
            ? await context.Request.ReadFromJsonAsync<MlflowRequest>(cancellationToken).ConfigureAwait(false) ?? new MlflowRequest()
            : new MlflowRequest();

    private static void NoFilter(string? filter)
    {
        if (!string.IsNullOrWhiteSpace(filter))
        {
            throw LodestarException.Invalid("search filters are not supported by Lodestar's MLflow API; search by experiment and filter client-side");
        }
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw LodestarException.Invalid($"missing value for required parameter '{name}'") : value;

    private static string RunId(MlflowRequest body) => Required(body.RunId ?? body.RunUuid, "run_id");

    private static double NumberOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String when double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw LodestarException.Invalid("'value' must be a number"),
    };

    private static string TextOf(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString()!,
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } other => other.GetRawText(),
        _ => throw LodestarException.Invalid("missing value for required parameter 'value'"),
    };

    private static Dictionary<string, string> Pairs(IReadOnlyList<MlflowKeyValue>? pairs, string what)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            result[Required(pair.Key, what + ".key")] = pair.Value ?? throw LodestarException.Invalid($"{what} entry '{pair.Key}' has no value");
        }

        return result;
    }

    private static MetricPoint Point(MlflowMetric metric) => new(
        Required(metric.Key, "key"),
        metric.Value ?? throw LodestarException.Invalid($"metric '{metric.Key}' has no value"),
        metric.Step ?? 0,
        metric.Timestamp is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UtcNow);

    private static MlflowMetric Metric(MetricPoint point) => new(point.Key, point.Value, point.Timestamp.ToUnixTimeMilliseconds(), point.Step);

    private static MlflowExperiment Experiment(Experiment experiment) => new(
        experiment.Id, experiment.Name, $"/v1/experiments/{experiment.Id}/runs", "active", experiment.CreatedAt.ToUnixTimeMilliseconds(), experiment.CreatedAt.ToUnixTimeMilliseconds(), []);

    private static MlflowRun Run(Run run)
    {
        var status = run.Status switch { RunStatus.Running => "RUNNING", RunStatus.Finished => "FINISHED", _ => "FAILED" };
        var info = new MlflowRunInfo(run.Id, run.Id, run.Name, run.ExperimentId, run.Tags.GetValueOrDefault("mlflow.user") ?? string.Empty, status,
            run.StartedAt.ToUnixTimeMilliseconds(), run.EndedAt?.ToUnixTimeMilliseconds(), $"/v1/runs/{run.Id}/artifacts", "active");
        var latest = run.Metrics.Select(m => m.Key).Distinct().Select(key => Metric(RunComparison.Latest(run, key)!)).ToList();
        var data = new MlflowRunData(latest, run.Params.Select(p => new MlflowKeyValue(p.Key, p.Value)).ToList(), run.Tags.Select(t => new MlflowKeyValue(t.Key, t.Value)).ToList());
        return new MlflowRun(info, data);
    }
}
