namespace Lodestar.Knowledge.Documents;

/// <summary>The redactor when no PII policy is configured: text passes unchanged.</summary>
internal sealed class NoRedaction : IKnowledgeRedactor, IDisposable
{
    public string ForIndex(KnowledgeBaseId knowledgeBase, string text) => text;

    public string ForReader(KnowledgeBaseId knowledgeBase, string text) => text;

    public bool RedactsForReader(KnowledgeBaseId knowledgeBase) => false;

    public IDisposable EnterKnowledgeBase(KnowledgeBaseId knowledgeBase) => this;

    public void Dispose()
    {
        // Nothing was entered.
    }
}
