namespace Lodestar.Observability.Answers;

/// <summary>Answer records of every tenant; every read is scoped to one tenant except the operators' aggregate reads.</summary>
public interface IAnswerRecordStore
{
    Task AddAsync(AnswerRecord record, CancellationToken cancellationToken = default);

    /// <summary>The record, or null when it does not exist in <paramref name="tenantId"/>.</summary>
    Task<AnswerRecord?> GetAsync(string tenantId, string answerId, CancellationToken cancellationToken = default);

    /// <summary>Sets (or replaces) the rating; false when no such answer exists in the tenant.</summary>
    Task<bool> RateAsync(string tenantId, string answerId, AnswerRating rating, CancellationToken cancellationToken = default);

    /// <summary>The newest records of a tenant, optionally of one user, newest first.</summary>
    Task<IReadOnlyList<AnswerRecord>> ListAsync(string tenantId, string? userId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Numbers of the answers in [<paramref name="from"/>, <paramref name="to"/>), of one tenant or (null) all.</summary>
    Task<IReadOnlyList<AnswerSample>> ReadSamplesAsync(DateTimeOffset from, DateTimeOffset to, string? tenantId, CancellationToken cancellationToken = default);

    /// <summary>Ratings per knowledge base of a tenant since <paramref name="since"/>.</summary>
    Task<IReadOnlyList<RatingSummary>> SummarizeRatingsAsync(string tenantId, DateTimeOffset since, CancellationToken cancellationToken = default);

    Task<QuestionPrivacy> GetPrivacyAsync(string tenantId, CancellationToken cancellationToken = default);

    Task SetPrivacyAsync(string tenantId, QuestionPrivacy privacy, CancellationToken cancellationToken = default);
}
