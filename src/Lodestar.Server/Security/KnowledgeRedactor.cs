using Lodestar.Governance.Privacy;
using Lodestar.Knowledge.Documents;

namespace Lodestar.Server.Security;

/// <summary>
/// Applies each knowledge base's PII policy (<see cref="PiiPolicySet"/>) for Knowledge: ingest rules to indexed
/// text, answer rules to what readers see, and outbound rules to model calls made while answering in that
/// knowledge base (the shared chat client reads <see cref="CurrentOutboundPolicy"/>).
/// </summary>
internal sealed class KnowledgeRedactor(PiiPolicySet policies, PiiRedactor redactor) : IKnowledgeRedactor
{
    private readonly AsyncLocal<PiiPolicy?> _answering = new();

    public string ForIndex(KnowledgeBaseId knowledgeBase, string text) => Apply(knowledgeBase, text, PiiScope.Ingest);

    public string ForReader(KnowledgeBaseId knowledgeBase, string text) => Apply(knowledgeBase, text, PiiScope.Answers);

    public bool RedactsForReader(KnowledgeBaseId knowledgeBase) =>
        policies.For(knowledgeBase.TenantId, knowledgeBase.Name) is { } policy && policy.Rules.Exists(rule => (rule.Scopes & PiiScope.Answers) != 0);

    public IDisposable EnterKnowledgeBase(KnowledgeBaseId knowledgeBase)
    {
        var previous = _answering.Value;
        _answering.Value = policies.For(knowledgeBase.TenantId, knowledgeBase.Name);
        return new Scope(this, previous);
    }

    /// <summary>The policy of the knowledge base being answered, or the default one outside any answer.</summary>
    public PiiPolicy? CurrentOutboundPolicy() => _answering.Value ?? policies.Default;

    private string Apply(KnowledgeBaseId knowledgeBase, string text, PiiScope scope) =>
        text.Length == 0 || policies.For(knowledgeBase.TenantId, knowledgeBase.Name) is not { } policy ? text : redactor.Redact(text, policy, scope).Text;

    private sealed class Scope(KnowledgeRedactor owner, PiiPolicy? previous) : IDisposable
    {
        public void Dispose() => owner._answering.Value = previous;
    }
}
