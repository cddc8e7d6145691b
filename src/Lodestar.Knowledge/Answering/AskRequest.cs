using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Search;

namespace Lodestar.Knowledge.Answering;

/// <summary>A question to one knowledge base on behalf of a principal; <see cref="Mode"/> null picks hybrid when vectors exist.</summary>
public sealed record AskRequest(KnowledgeBaseId KnowledgeBase, string Question, Principal Principal, SearchMode? Mode = null);
