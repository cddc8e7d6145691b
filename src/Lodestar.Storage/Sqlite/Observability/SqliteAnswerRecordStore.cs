using System.Text.Json;
using Lodestar.Observability.Answers;
using Lodestar.Storage.Sqlite.Models;
using static Lodestar.Storage.Sqlite.Observability.ObservabilityValues;

namespace Lodestar.Storage.Sqlite.Observability;

/// <summary>Answer records in SQLite; passages and citations are small JSON arrays of ids, scores and offsets.</summary>
internal sealed class SqliteAnswerRecordStore(SqliteDatabase database) : SqliteStoreBase(database, ObservabilitySchema.Module, ObservabilitySchema.Migrations), IAnswerRecordStore
{
    public async Task AddAsync(AnswerRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            $"INSERT INTO obs_answers ({ObservabilityRows.AnswerColumns}) VALUES ($id, $tenant, $user, $key, $kb, $at, $privacy, $question, $generator, $model, $mode, $index, $passages, $citations, " +
            "$retrieve, $generate, $total, $input, $output, $cost, $groundedness, $answered, NULL, NULL, NULL)",
            cancellationToken,
            ("$id", record.Id), ("$tenant", record.TenantId), ("$user", record.UserId), ("$key", record.KeyId), ("$kb", record.KnowledgeBase),
            ("$at", Millis(record.At)), ("$privacy", Name(record.Privacy)), ("$question", record.Question), ("$generator", record.Generator),
            ("$model", record.Model), ("$mode", record.Mode), ("$index", record.IndexVersion),
            ("$passages", JsonSerializer.Serialize(record.Passages, ObservabilityRows.Json)), ("$citations", JsonSerializer.Serialize(record.Citations, ObservabilityRows.Json)),
            ("$retrieve", record.Latency.RetrieveMs), ("$generate", record.Latency.GenerateMs), ("$total", record.Latency.TotalMs),
            ("$input", record.InputTokens), ("$output", record.OutputTokens), ("$cost", Nanos(record.Cost)), ("$groundedness", record.Groundedness),
            ("$answered", record.Answered ? 1 : 0)).ConfigureAwait(false);
    }

    public async Task<AnswerRecord?> GetAsync(string tenantId, string answerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, $"SELECT {ObservabilityRows.AnswerColumns} FROM obs_answers WHERE tenant = $tenant AND id = $id", ObservabilityRows.Answer, cancellationToken,
            ("$tenant", tenantId), ("$id", answerId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<bool> RateAsync(string tenantId, string answerId, AnswerRating rating, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rating);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, "UPDATE obs_answers SET rating = $rating, rating_comment = $comment, rated_at = $at WHERE tenant = $tenant AND id = $id",
            cancellationToken, ("$rating", rating.Up ? 1 : -1), ("$comment", rating.Comment), ("$at", Millis(rating.At)), ("$tenant", tenantId), ("$id", answerId)).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<AnswerRecord>> ListAsync(string tenantId, string? userId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null,
            $"SELECT {ObservabilityRows.AnswerColumns} FROM obs_answers WHERE tenant = $tenant AND ($user IS NULL OR user_id = $user) ORDER BY at DESC, id LIMIT $limit", ObservabilityRows.Answer, cancellationToken,
            ("$tenant", tenantId), ("$user", userId), ("$limit", Math.Clamp(limit, 1, 1000))).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AnswerSample>> ReadSamplesAsync(DateTimeOffset from, DateTimeOffset to, string? tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null,
            "SELECT at, tenant, answered, groundedness, input_tokens, output_tokens, cost_nanos, total_ms FROM obs_answers " +
            "WHERE at >= $from AND at < $to AND ($tenant IS NULL OR tenant = $tenant) ORDER BY at",
            r => new AnswerSample(Time(r.GetInt64(0)), r.GetString(1), r.GetInt64(2) == 1, r.GetDouble(3), r.GetInt64(4), r.GetInt64(5), Money(r.GetInt64(6)), r.GetDouble(7)),
            cancellationToken, ("$from", Millis(from)), ("$to", Millis(to)), ("$tenant", tenantId)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RatingSummary>> SummarizeRatingsAsync(string tenantId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null,
            "SELECT kb, COUNT(*), SUM(rating = 1), SUM(rating = -1) FROM obs_answers WHERE tenant = $tenant AND at >= $since GROUP BY kb ORDER BY kb",
            r => new RatingSummary(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? 0 : r.GetInt64(2), r.IsDBNull(3) ? 0 : r.GetInt64(3)),
            cancellationToken, ("$tenant", tenantId), ("$since", Millis(since))).ConfigureAwait(false);
    }

    public async Task<QuestionPrivacy> GetPrivacyAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, "SELECT question_privacy FROM obs_tenant_settings WHERE tenant = $tenant", r => r.GetString(0), cancellationToken,
            ("$tenant", tenantId)).ConfigureAwait(false);
        return rows.Count == 0 ? QuestionPrivacy.Hashed : Parse<QuestionPrivacy>(rows[0]);
    }

    public async Task SetPrivacyAsync(string tenantId, QuestionPrivacy privacy, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            "INSERT INTO obs_tenant_settings (tenant, question_privacy) VALUES ($tenant, $privacy) ON CONFLICT(tenant) DO UPDATE SET question_privacy = excluded.question_privacy",
            cancellationToken, ("$tenant", tenantId), ("$privacy", Name(privacy))).ConfigureAwait(false);
    }
}
