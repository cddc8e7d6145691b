using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Search;

namespace Lodestar.Knowledge.Answering;

/// <summary>
/// A question to one knowledge base on behalf of a principal; <see cref="Mode"/> null picks hybrid when vectors exist.
/// With a <see cref="ConversationId"/>, follow-ups are read in the light of the conversation's earlier turns;
/// <see cref="Rerank"/> re-scores the retrieved candidates with embeddings (see <see cref="SearchRequest"/>).
/// </summary>
public sealed record AskRequest(KnowledgeBaseId KnowledgeBase, string Question, Principal Principal, SearchMode? Mode = null, string? ConversationId = null, bool Rerank = false);
