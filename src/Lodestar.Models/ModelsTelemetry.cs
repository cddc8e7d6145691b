using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lodestar.Models;

/// <summary>Spans and metrics of the model path (encoder embeddings). Attributes carry counts and model ids, never input text.</summary>
public static class ModelsTelemetry
{
    public const string Name = "Lodestar.Models";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Embeddings = Meter.CreateCounter<long>("lodestar.embeddings", "{embedding}", "Texts embedded by the local encoder, by model.");

    internal static readonly Histogram<double> EmbedDuration = Meter.CreateHistogram<double>("lodestar.embed.duration", "s", "Time to embed one batch with the local encoder.");
}
