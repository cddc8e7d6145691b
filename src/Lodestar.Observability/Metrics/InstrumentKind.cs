using System.Diagnostics.Metrics;

namespace Lodestar.Observability.Metrics;

/// <summary>How an instrument maps to a Prometheus metric type, and whether its measurements add up or replace.</summary>
internal enum InstrumentKind
{
    Counter,
    ObservableCounter,
    UpDownCounter,
    ObservableGauge,
    Gauge,
    Histogram,
}

internal static class InstrumentKinds
{
    public static InstrumentKind? Of(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return null;
        }

        var definition = instrument.GetType().GetGenericTypeDefinition();
        return definition == typeof(Counter<>) ? InstrumentKind.Counter
            : definition == typeof(ObservableCounter<>) ? InstrumentKind.ObservableCounter
            : definition == typeof(UpDownCounter<>) ? InstrumentKind.UpDownCounter
            : definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) ? InstrumentKind.ObservableGauge
            : definition == typeof(Gauge<>) ? InstrumentKind.Gauge
            : definition == typeof(Histogram<>) ? InstrumentKind.Histogram
            : null;
    }

    public static string PrometheusType(this InstrumentKind kind) => kind switch
    {
        InstrumentKind.Counter or InstrumentKind.ObservableCounter => "counter",
        InstrumentKind.Histogram => "histogram",
        _ => "gauge",
    };
}
