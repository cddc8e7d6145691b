namespace Lodestar.Observability.Answers;

/// <summary>
/// Everything needed to explain an answer later: who asked where, the question as the tenant's privacy policy allows,
/// the passages retrieved and cited (ids, scores and offsets; the text stays in the knowledge base), the generator,
/// model and index version, the latency breakdown, tokens, cost and groundedness, and the asker's rating.
/// </summary>
public sealed record AnswerRecord(
    string Id,
    string TenantId,
    string UserId,
    string? KeyId,
    string KnowledgeBase,
    DateTimeOffset At,
    QuestionPrivacy Privacy,
    string? Question,
    string Generator,
    string? Model,
    string Mode,
    long IndexVersion,
    IReadOnlyList<RecordedPassage> Passages,
    IReadOnlyList<RecordedCitation> Citations,
    AnswerLatency Latency,
    long InputTokens,
    long OutputTokens,
    decimal Cost,
    double Groundedness,
    bool Answered,
    AnswerRating? Rating = null);

/// <summary>A retrieved passage, best first.</summary>
public sealed record RecordedPassage(string DocumentId, string ChunkId, double Score);

/// <summary>A citation of the answer: its number and the exact character range of the cited document.</summary>
public sealed record RecordedCitation(int Index, string DocumentId, string ChunkId, int StartOffset, int EndOffset);

/// <summary>Where the answer's time went, in milliseconds; total includes budget checks, auditing and recording.</summary>
public sealed record AnswerLatency(double RetrieveMs, double GenerateMs, double TotalMs);
