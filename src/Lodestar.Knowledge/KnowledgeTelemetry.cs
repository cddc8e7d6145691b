using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lodestar.Knowledge;

/// <summary>
/// The spans and metrics of the knowledge path, under one name for <see cref="ActivitySource"/> and <see cref="Meter"/>.
/// Attributes carry ids, counts and model names, never document text, file names or questions (they may hold PII).
/// </summary>
public static class KnowledgeTelemetry
{
    public const string Name = "Lodestar.Knowledge";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly Histogram<double> RetrievalDuration = Meter.CreateHistogram<double>("lodestar.retrieval.duration", "s", "Time to retrieve passages for a query, per retriever.");

    internal static readonly Histogram<double> GenerationDuration = Meter.CreateHistogram<double>("lodestar.generation.duration", "s", "Time to generate an answer from retrieved passages.");

    internal static readonly Counter<long> Tokens = Meter.CreateCounter<long>("lodestar.tokens", "{token}", "Chat-model tokens, by direction (input or output) and model.");

    internal static readonly Counter<long> Answers = Meter.CreateCounter<long>("lodestar.answers", "{answer}", "Answers given, by whether anything relevant was found (answered=false is an empty answer).");

    internal static readonly Histogram<double> Groundedness = Meter.CreateHistogram<double>("lodestar.answer.groundedness", null, "Share of answer sentences supported by the cited passages.");

    internal static readonly Counter<long> IngestedFiles = Meter.CreateCounter<long>("lodestar.ingest.files", "{file}", "Files seen by ingestion, by outcome (added, updated, unchanged, failed, uploaded).");

    internal static readonly Counter<long> IngestedBytes = Meter.CreateCounter<long>("lodestar.ingest.bytes", "By", "Bytes of files read by ingestion.");

    internal static readonly Counter<long> IndexCache = Meter.CreateCounter<long>("lodestar.index.cache", "{lookup}", "Index look-ups before a query, by result (hit: already current, miss: replayed changes).");
}
