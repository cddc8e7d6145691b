namespace Lodestar.Observability.Answers;

/// <summary>The numbers of one answer record, without its passages: what time series and alert rules aggregate.</summary>
public sealed record AnswerSample(DateTimeOffset At, string TenantId, bool Answered, double Groundedness, long InputTokens, long OutputTokens, decimal Cost, double TotalMs);
