using System.Text.Json.Serialization;

namespace Lodestar.Server.Endpoints;

// MLflow REST shapes (snake_case; numbers may arrive as strings, as protobuf JSON encodes int64).

[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
internal sealed record MlflowKeyValue([property: JsonPropertyName("key")] string? Key, [property: JsonPropertyName("value")] string? Value);

[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
internal sealed record MlflowMetric(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("value")] double? Value,
    [property: JsonPropertyName("timestamp")] long? Timestamp,
    [property: JsonPropertyName("step")] long? Step);

internal sealed record MlflowExperiment(
    [property: JsonPropertyName("experiment_id")] string ExperimentId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("artifact_location")] string ArtifactLocation,
    [property: JsonPropertyName("lifecycle_stage")] string LifecycleStage,
    [property: JsonPropertyName("creation_time")] long CreationTime,
    [property: JsonPropertyName("last_update_time")] long LastUpdateTime,
    [property: JsonPropertyName("tags")] IReadOnlyList<MlflowKeyValue> Tags);

internal sealed record MlflowRunInfo(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("run_uuid")] string RunUuid,
    [property: JsonPropertyName("run_name")] string RunName,
    [property: JsonPropertyName("experiment_id")] string ExperimentId,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("start_time")] long StartTime,
    [property: JsonPropertyName("end_time")] long? EndTime,
    [property: JsonPropertyName("artifact_uri")] string ArtifactUri,
    [property: JsonPropertyName("lifecycle_stage")] string LifecycleStage);

internal sealed record MlflowRunData(
    [property: JsonPropertyName("metrics")] IReadOnlyList<MlflowMetric> Metrics,
    [property: JsonPropertyName("params")] IReadOnlyList<MlflowKeyValue> Params,
    [property: JsonPropertyName("tags")] IReadOnlyList<MlflowKeyValue> Tags);

internal sealed record MlflowRun([property: JsonPropertyName("info")] MlflowRunInfo Info, [property: JsonPropertyName("data")] MlflowRunData Data);

internal sealed record MlflowError([property: JsonPropertyName("error_code")] string ErrorCode, [property: JsonPropertyName("message")] string Message);

[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
internal sealed record MlflowRequest(
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("experiment_id")] string? ExperimentId = null,
    [property: JsonPropertyName("experiment_ids")] IReadOnlyList<string>? ExperimentIds = null,
    [property: JsonPropertyName("run_id")] string? RunId = null,
    [property: JsonPropertyName("run_uuid")] string? RunUuid = null,
    [property: JsonPropertyName("run_name")] string? RunName = null,
    [property: JsonPropertyName("start_time")] long? StartTime = null,
    [property: JsonPropertyName("end_time")] long? EndTime = null,
    [property: JsonPropertyName("status")] string? Status = null,
    [property: JsonPropertyName("key")] string? Key = null,
    [property: JsonPropertyName("value")] System.Text.Json.JsonElement? Value = null,
    [property: JsonPropertyName("timestamp")] long? Timestamp = null,
    [property: JsonPropertyName("step")] long? Step = null,
    [property: JsonPropertyName("tags")] IReadOnlyList<MlflowKeyValue>? Tags = null,
    [property: JsonPropertyName("metrics")] IReadOnlyList<MlflowMetric>? Metrics = null,
    [property: JsonPropertyName("params")] IReadOnlyList<MlflowKeyValue>? Params = null,
    [property: JsonPropertyName("max_results")] int? MaxResults = null,
    [property: JsonPropertyName("filter")] string? Filter = null);
