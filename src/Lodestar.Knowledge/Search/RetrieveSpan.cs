using System.Diagnostics;
using Lodestar.Knowledge.Documents;

namespace Lodestar.Knowledge.Search;

/// <summary>One retriever's span and latency sample: started before the retriever runs, tagged with its hit count when done.</summary>
internal readonly struct RetrieveSpan : IDisposable
{
    private readonly Activity? _activity;
    private readonly KnowledgeBaseId _knowledgeBase;
    private readonly string _retriever;
    private readonly long _started;

    private RetrieveSpan(Activity? activity, KnowledgeBaseId knowledgeBase, string retriever)
    {
        _activity = activity;
        _knowledgeBase = knowledgeBase;
        _retriever = retriever;
        _started = Stopwatch.GetTimestamp();
    }

    public static RetrieveSpan Start(KnowledgeBaseId knowledgeBase, string retriever, int k)
    {
        var activity = KnowledgeTelemetry.Source.StartActivity("knowledge.retrieve");
        activity?.SetTag("lodestar.retriever", retriever).SetTag("lodestar.kb", knowledgeBase.Name).SetTag("lodestar.tenant", knowledgeBase.TenantId).SetTag("lodestar.k", k);
        return new RetrieveSpan(activity, knowledgeBase, retriever);
    }

    public List<RankedChunk> Done(List<RankedChunk> hits)
    {
        _activity?.SetTag("lodestar.hits", hits.Count);
        KnowledgeTelemetry.RetrievalDuration.Record(
            Stopwatch.GetElapsedTime(_started).TotalSeconds,
            new KeyValuePair<string, object?>("retriever", _retriever),
            new KeyValuePair<string, object?>("tenant", _knowledgeBase.TenantId),
            new KeyValuePair<string, object?>("kb", _knowledgeBase.Name));
        return hits;
    }

    public void Dispose() => _activity?.Dispose();
}
