namespace Lodestar.Knowledge.Search;

/// <summary>Which retriever answers a query.</summary>
public enum SearchMode
{
    Bm25,
    Dense,
    Hybrid,
}
