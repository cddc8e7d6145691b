namespace Lodestar.Knowledge.Evaluation;

/// <summary>The metrics of an evaluation and the run (query id to scored document ids) they were computed from.</summary>
public sealed record EvaluationRun(EvaluationReport Report, IReadOnlyDictionary<string, IReadOnlyList<(string DocumentId, double Score)>> Run);
