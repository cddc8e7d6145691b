namespace Lodestar.Knowledge.Documents;

/// <summary>
/// The knowledge base's PII policy as Knowledge sees it (implemented by the hosts over Lodestar.Governance):
/// what is stored in the index, what readers are shown, and which rules cover calls to an external model.
/// </summary>
public interface IKnowledgeRedactor
{
    /// <summary>Text about to be stored and indexed (the policy's ingest rules).</summary>
    string ForIndex(KnowledgeBaseId knowledgeBase, string text);

    /// <summary>Text about to be shown to a reader: snippets, passages, citations, answers (the answers rules).</summary>
    string ForReader(KnowledgeBaseId knowledgeBase, string text);

    /// <summary>Whether <see cref="ForReader"/> can change text of this knowledge base (streamed answers are then released a sentence at a time).</summary>
    bool RedactsForReader(KnowledgeBaseId knowledgeBase);

    /// <summary>Model calls made until the scope is disposed use this knowledge base's outbound rules.</summary>
    IDisposable EnterKnowledgeBase(KnowledgeBaseId knowledgeBase);
}
