namespace Lodestar.Observability.Answers;

/// <summary>Ratings of one knowledge base's answers (or all, when <see cref="KnowledgeBase"/> is null) over a window.</summary>
public sealed record RatingSummary(string? KnowledgeBase, long Answers, long Up, long Down)
{
    /// <summary>Share of ratings that are thumbs up; null when nothing was rated.</summary>
    public double? UpRatio => Up + Down == 0 ? null : Up / (double)(Up + Down);
}
