using System.Diagnostics;
using Lodestar.Observability.Metrics;
using Lodestar.Observability.Tracing;
using Lodestar.Server.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Observability;

/// <summary>What the HTTP host adds to the shared observability services: the background loop, request timing, endpoints and OTLP.</summary>
internal static class ServerObservability
{
    public static IServiceCollection AddServerObservability(this IServiceCollection services)
    {
        services.AddHostedService<ObservabilityWorker>();
        return services;
    }

    /// <summary>Call after the exception handler and before authentication, so timing sees final statuses and the caller's tenant.</summary>
    public static WebApplication UseServerObservability(this WebApplication app)
    {
        // Created now, not at the first scrape, so the listener sees every measurement from the start.
        app.Services.GetRequiredService<PrometheusExporter>();
        if (OtlpExport.FromEnvironment() is { } otlp)
        {
            app.Lifetime.ApplicationStopped.Register(otlp.Dispose);
        }

        var propagation = IncomingTraceContext();
        app.Lifetime.ApplicationStopped.Register(propagation.Dispose);

        app.UseMiddleware<RequestTelemetryMiddleware>();
        return app;
    }

    /// <summary>
    /// The host makes a request Activity only when something listens to it. With its logging off (see
    /// <see cref="LodestarServer"/>), this listener asks for one, unrecorded, only when the request continues a
    /// trace (a <c>traceparent</c> header or an ambient span), so Lodestar's spans join the caller's trace; other
    /// requests make no Activity at all.
    /// </summary>
    private static ActivityListener IncomingTraceContext()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = static (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent == default ? ActivitySamplingResult.None : ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    public static WebApplication MapServerObservability(this WebApplication app)
    {
        app.MapObservabilityEndpoints();
        return app;
    }
}
