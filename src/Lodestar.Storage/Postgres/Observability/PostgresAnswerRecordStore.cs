using System.Text.Json;
using Lodestar.Observability.Answers;
using Lodestar.Storage.Sqlite.Observability;
using static Lodestar.Storage.Postgres.PostgresValues;
using static Lodestar.Storage.Sqlite.Observability.ObservabilityValues;

namespace Lodestar.Storage.Postgres.Observability;

/// <summary>Answer records and ratings shared by every node: an answer given through one node is rated and listed through any.</summary>
internal sealed class PostgresAnswerRecordStore(PostgresDatabase database) : IAnswerRecordStore
{
    private static readonly PostgresModule Module = PostgresObservabilitySchema.Module;

    public Task AddAsync(AnswerRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            $"INSERT INTO obs_answers ({ObservabilityRows.AnswerColumns}) VALUES (@id, @tenant, @user, @key, @kb, @at, @privacy, @question, @generator, @model, @mode, @index, @passages, @citations, " +
            "@retrieve, @generate, @total, @input, @output, @cost, @groundedness, @answered, NULL, NULL, NULL)",
            token,
            ("id", record.Id), ("tenant", record.TenantId), ("user", record.UserId), ("key", record.KeyId), ("kb", record.KnowledgeBase),
            ("at", Millis(record.At)), ("privacy", Name(record.Privacy)), ("question", record.Question), ("generator", record.Generator),
            ("model", record.Model), ("mode", record.Mode), ("index", record.IndexVersion),
            ("passages", JsonSerializer.Serialize(record.Passages, ObservabilityRows.Json)), ("citations", JsonSerializer.Serialize(record.Citations, ObservabilityRows.Json)),
            ("retrieve", record.Latency.RetrieveMs), ("generate", record.Latency.GenerateMs), ("total", record.Latency.TotalMs),
            ("input", record.InputTokens), ("output", record.OutputTokens), ("cost", Nanos(record.Cost)), ("groundedness", record.Groundedness),
            ("answered", record.Answered)), cancellationToken);
    }

    public async Task<AnswerRecord?> GetAsync(string tenantId, string answerId, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            $"SELECT {ObservabilityRows.AnswerColumns} FROM obs_answers WHERE tenant = @tenant AND id = @id", ObservabilityRows.Answer, token, ("tenant", tenantId), ("id", answerId)), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<bool> RateAsync(string tenantId, string answerId, AnswerRating rating, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rating);
        return await database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "UPDATE obs_answers SET rating = @rating, rating_comment = @comment, rated_at = @at WHERE tenant = @tenant AND id = @id",
            token, ("rating", (short)(rating.Up ? 1 : -1)), ("comment", rating.Comment), ("at", Millis(rating.At)), ("tenant", tenantId), ("id", answerId)), cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<AnswerRecord>> ListAsync(string tenantId, string? userId, int limit, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            $"SELECT {ObservabilityRows.AnswerColumns} FROM obs_answers WHERE tenant = @tenant AND (@user::text IS NULL OR user_id = @user) ORDER BY at DESC, id LIMIT @limit", ObservabilityRows.Answer, token,
            ("tenant", tenantId), ("user", userId), ("limit", Math.Clamp(limit, 1, 1000))), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<AnswerSample>> ReadSamplesAsync(DateTimeOffset from, DateTimeOffset to, string? tenantId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            "SELECT at, tenant, answered, groundedness, input_tokens, output_tokens, cost_nanos, total_ms FROM obs_answers " +
            "WHERE at >= @from AND at < @to AND (@tenant::text IS NULL OR tenant = @tenant) ORDER BY at",
            r => new AnswerSample(Time(r.GetInt64(0)), r.GetString(1), r.GetBoolean(2), r.GetDouble(3), r.GetInt64(4), r.GetInt64(5), Money(r.GetInt64(6)), r.GetDouble(7)),
            token, ("from", Millis(from)), ("to", Millis(to)), ("tenant", tenantId)), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<RatingSummary>> SummarizeRatingsAsync(string tenantId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            "SELECT kb, COUNT(*), COUNT(*) FILTER (WHERE rating = 1), COUNT(*) FILTER (WHERE rating = -1) FROM obs_answers WHERE tenant = @tenant AND at >= @since GROUP BY kb ORDER BY kb",
            r => new RatingSummary(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)),
            token, ("tenant", tenantId), ("since", Millis(since))), cancellationToken).ConfigureAwait(false);

    public async Task<QuestionPrivacy> GetPrivacyAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var rows = await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null,
            "SELECT question_privacy FROM obs_tenant_settings WHERE tenant = @tenant", r => r.GetString(0), token, ("tenant", tenantId)), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? QuestionPrivacy.Hashed : Parse<QuestionPrivacy>(rows[0]);
    }

    public Task SetPrivacyAsync(string tenantId, QuestionPrivacy privacy, CancellationToken cancellationToken = default) =>
        database.WriteAsync(Module, (connection, transaction, token) => ExecuteAsync(connection, transaction,
            "INSERT INTO obs_tenant_settings (tenant, question_privacy) VALUES (@tenant, @privacy) ON CONFLICT (tenant) DO UPDATE SET question_privacy = excluded.question_privacy",
            token, ("tenant", tenantId), ("privacy", Name(privacy))), cancellationToken);
}
