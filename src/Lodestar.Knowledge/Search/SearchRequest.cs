using Lodestar.Core;
using Lodestar.Knowledge.Documents;

namespace Lodestar.Knowledge.Search;

/// <summary>
/// A query against one knowledge base on behalf of a principal, whose ACLs filter the results. With
/// <see cref="Rerank"/>, the first stage's top <see cref="KnowledgeOptions.RerankDepth"/> are re-scored with embeddings.
/// </summary>
public sealed record SearchRequest(KnowledgeBaseId KnowledgeBase, string Query, Principal Principal, SearchMode Mode = SearchMode.Bm25, int K = 10, bool Rerank = false);
