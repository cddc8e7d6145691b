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

        app.UseMiddleware<IncomingTraceContextMiddleware>();
        app.UseMiddleware<RequestTelemetryMiddleware>();
        return app;
    }

    public static WebApplication MapServerObservability(this WebApplication app)
    {
        app.MapObservabilityEndpoints();
        return app;
    }
}
