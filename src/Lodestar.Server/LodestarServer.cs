using System.Text.Json.Serialization;
using Lodestar.Server.Cluster;
using Lodestar.Server.Composition;
using Lodestar.Server.Endpoints;
using Lodestar.Server.Errors;
using Lodestar.Server.Observability;
using Lodestar.Server.Security;
using Lodestar.WebConsole;
using Lodestar.WebConsole.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lodestar.Server;

/// <summary>Builds the HTTP host: the shared composition root, problem details, authentication, and the endpoint groups.</summary>
public static class LodestarServer
{
    public static WebApplication Build(LodestarServerOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls);
        // Logs go to stderr, so stdout carries only what the host prints for people and scripts.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Lodestar.Server.Security", LogLevel.Warning);
        // The hosting diagnostics logger writes only Information per request (dropped above), yet while it is enabled
        // at any level the host opens a logging scope and an Activity for every request. Incoming trace context is
        // continued by IncomingTraceContextMiddleware instead (and by the host's own Activity when OTLP listens to it).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 64L * 1024 * 1024);
        builder.Services.AddLodestar(options.Host);
        builder.Services.AddClusterWorkers();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<LodestarExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.AddLodestarSecurity(options.Jwt, options.RateLimits, options.ConsoleOidc);
        builder.Services.AddLodestarConsole(new ConsoleIdentity((principal, scheme, keyId) => PrincipalClaims.ToClaims(principal, scheme, PrincipalClaims.Credential(principal, keyId)), PrincipalClaims.GetPrincipal, PrincipalClaims.KeyIdOf), options.Host.DataDirectory);
        builder.Services.AddOpenApi();
        builder.Services.AddHostedService<DriftSchedulerService>();
        builder.Services.AddServerObservability();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseServerObservability();
        // Before the status code pages: the fast path's endpoint answers with a body or throws to the exception handler.
        app.UseMiddleware<ApiKeyFastPath>();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapKnowledgeEndpoints();
        app.MapRegistryEndpoints();
        app.MapDriftEndpoints();
        app.MapTrackingEndpoints();
        app.MapMlflowEndpoints();
        app.MapServingEndpoints();
        app.MapServerObservability();
        app.MapAdminEndpoints();
        app.MapAclEndpoints();
        app.MapConsoleEndpoints();
        app.MapLodestarConsole();
        app.MapConsoleSingleSignOn();
        app.MapJobEndpoints();
        app.MapKnowledgeSettingsEndpoints();
        return app;
    }
}
