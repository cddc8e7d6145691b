namespace Lodestar.Knowledge.Search.Fusion;

/// <summary>Second-stage ranking of first-stage candidates for one query; returns every candidate key, best first.</summary>
public interface IReranker
{
    ValueTask<IReadOnlyList<RankedItem>> RerankAsync(
        string query,
        IReadOnlyList<(string Key, string Text, double Score)> candidates,
        CancellationToken cancellationToken = default);
}
