using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Lodestar.Observability.Tracing;

/// <summary>
/// Exports Lodestar's spans and metrics over OTLP when <c>LODESTAR_OTLP_ENDPOINT</c> names a collector (e.g.
/// <c>http://collector:4318</c>); off by default. <c>LODESTAR_OTLP_PROTOCOL</c> is <c>http</c> (default, http/protobuf) or <c>grpc</c>.
/// </summary>
public sealed class OtlpExport : IDisposable
{
    private readonly TracerProvider _traces;
    private readonly MeterProvider _metrics;

    private OtlpExport(Uri endpoint, OtlpExportProtocol protocol, string serviceName)
    {
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        _traces = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource("Lodestar.*")
            // The host's request spans: they carry incoming trace context (traceparent) and parent Lodestar's spans.
            .AddSource("Microsoft.AspNetCore")
            .AddOtlpExporter(otlp => Configure(otlp, endpoint, protocol, "v1/traces")).Build();
        _metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter("Lodestar.*")
            .AddOtlpExporter(otlp => Configure(otlp, endpoint, protocol, "v1/metrics")).Build();
    }

    /// <summary>Starts exporting when the environment asks for it; null (nothing exported) otherwise.</summary>
    public static OtlpExport? FromEnvironment(string serviceName = "lodestar")
    {
        var endpoint = Environment.GetEnvironmentVariable("LODESTAR_OTLP_ENDPOINT");
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Core.LodestarException.Invalid($"LODESTAR_OTLP_ENDPOINT is not an http(s) URL: {endpoint}");
        }

        var protocol = Environment.GetEnvironmentVariable("LODESTAR_OTLP_PROTOCOL")?.Trim().ToLowerInvariant() switch
        {
            null or "" or "http" or "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            "grpc" => OtlpExportProtocol.Grpc,
            var other => throw Core.LodestarException.Invalid($"LODESTAR_OTLP_PROTOCOL must be http or grpc, not '{other}'"),
        };
        return new OtlpExport(uri, protocol, serviceName);
    }

    public void Dispose()
    {
        _traces.Dispose();
        _metrics.Dispose();
    }

    /// <summary>With http/protobuf each signal has its own path under the collector's base address.</summary>
    private static void Configure(OtlpExporterOptions options, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        options.Protocol = protocol;
        options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, signalPath) : endpoint;
    }
}
