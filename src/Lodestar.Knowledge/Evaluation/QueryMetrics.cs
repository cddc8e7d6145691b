namespace Lodestar.Knowledge.Evaluation;

/// <summary>trec_eval measures of one query: ndcg_cut.10, recall_100, recip_rank (run cut at 10), map.</summary>
public sealed record QueryMetrics(string QueryId, double NdcgAt10, double RecallAt100, double ReciprocalRankAt10, double AveragePrecision);
