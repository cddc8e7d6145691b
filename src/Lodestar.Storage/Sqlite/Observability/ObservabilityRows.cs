using System.Data.Common;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Observability.Alerts;
using Lodestar.Observability.Answers;
using static Lodestar.Storage.Sqlite.Observability.ObservabilityValues;

namespace Lodestar.Storage.Sqlite.Observability;

/// <summary>
/// The column lists and row readers of the observability tables, shared by the SQLite and PostgreSQL stores (same
/// columns and encodings; flags read through <see cref="DbDataReader.GetBoolean"/>, which both drivers map).
/// </summary>
internal static class ObservabilityRows
{
    public const string AlertColumns = "id, tenant, source, key, severity, message, details, occurred_at, delivered_at, attempts";
    public const string RuleColumns = "id, tenant, name, metric, comparison, threshold, window_seconds, severity, enabled, firing_since";
    public const string AnswerColumns =
        "id, tenant, user_id, key_id, kb, at, privacy, question, generator, model, mode, index_version, passages, citations, " +
        "retrieve_ms, generate_ms, total_ms, input_tokens, output_tokens, cost_nanos, groundedness, answered, rating, rating_comment, rated_at";

    /// <summary>Passages and citations are small JSON arrays of ids, scores and offsets.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AlertRecord Alert(DbDataReader r) => new(
        r.GetInt64(0),
        new AlertEvent(r.GetString(1), r.GetString(2), r.GetString(3), Parse<AlertSeverity>(r.GetString(4)), r.GetString(5),
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(6))) { OccurredAt = Time(r.GetInt64(7)) },
        r.IsDBNull(8) ? null : Time(r.GetInt64(8)),
        r.GetInt32(9));

    public static AlertRule Rule(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Parse<AlertMetric>(r.GetString(3)), Parse<AlertComparison>(r.GetString(4)), r.GetDouble(5),
        TimeSpan.FromSeconds(r.GetInt64(6)), Parse<AlertSeverity>(r.GetString(7)), r.GetBoolean(8), r.IsDBNull(9) ? null : Time(r.GetInt64(9)));

    public static AnswerRecord Answer(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), Time(r.GetInt64(5)),
        Parse<QuestionPrivacy>(r.GetString(6)), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9),
        r.GetString(10), r.GetInt64(11),
        JsonSerializer.Deserialize<List<RecordedPassage>>(r.GetString(12), Json) ?? [],
        JsonSerializer.Deserialize<List<RecordedCitation>>(r.GetString(13), Json) ?? [],
        new AnswerLatency(r.GetDouble(14), r.GetDouble(15), r.GetDouble(16)),
        r.GetInt64(17), r.GetInt64(18), Money(r.GetInt64(19)), r.GetDouble(20), r.GetBoolean(21),
        r.IsDBNull(22) ? null : new AnswerRating(r.GetInt32(22) > 0, r.IsDBNull(23) ? null : r.GetString(23), Time(r.GetInt64(24))));
}
