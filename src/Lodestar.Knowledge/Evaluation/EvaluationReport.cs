namespace Lodestar.Knowledge.Evaluation;

/// <summary>Means over every judged query (queries absent from the run count as 0), plus the per-query values.</summary>
public sealed record EvaluationReport(int Queries, double NdcgAt10, double RecallAt100, double MrrAt10, double Map, IReadOnlyList<QueryMetrics> PerQuery);
