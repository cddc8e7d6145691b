namespace Lodestar.Observability.Operations;

/// <summary>
/// One time bucket of the operations series. Latency percentiles are over HTTP requests (0 when there were none);
/// tokens, cost, groundedness and the empty-answer rate are over answers (null means no answers in the bucket).
/// </summary>
public sealed record OperationsBucket(
    DateTimeOffset Start,
    long Requests,
    long Errors,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    long Answers,
    long InputTokens,
    long OutputTokens,
    decimal Cost,
    double? GroundednessMean,
    double? EmptyAnswerRate);
