namespace Lodestar.Knowledge.Answering;

/// <summary>
/// How an answer was made, so it can be explained later: the passages retrieved (ids and scores, no text), the index
/// version and search mode, the time spent retrieving and generating, and the model usage when a model was called.
/// </summary>
public sealed record AnswerTrace(
    string Mode,
    long IndexVersion,
    IReadOnlyList<RetrievedPassage> Passages,
    TimeSpan Retrieval,
    TimeSpan Generation,
    ModelUsage? Usage);

/// <summary>One retrieved passage of an answer, best first.</summary>
public sealed record RetrievedPassage(string DocumentId, string ChunkId, double Score);
