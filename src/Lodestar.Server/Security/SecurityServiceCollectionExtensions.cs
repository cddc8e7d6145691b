using Lodestar.WebConsole.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lodestar.Server.Security;

/// <summary>Authentication (API keys, optional JWT and console OIDC sign-in), role policies, sign-in throttling and request rate limits.</summary>
internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddLodestarSecurity(this IServiceCollection services, JwtBearerSettings? jwt, RateLimitSettings rateLimits, ConsoleOidcSettings? consoleOidc = null)
    {
        services.AddSingleton(rateLimits);
        services.AddSingleton<SignInThrottle>();
        if (jwt is not null)
        {
            jwt.Validate();
            services.AddSingleton(jwt);
            services.AddSingleton(provider => new JwksKeySource(
                jwt, new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<JwksKeySource>>()));
            services.AddSingleton<JwtTokenValidator>();
        }

        if (consoleOidc is not null)
        {
            consoleOidc.Validate(jwt);
            services.AddSingleton(consoleOidc);
            services.AddSingleton(provider => new OidcProviderClient(jwt!, consoleOidc, new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, provider.GetRequiredService<TimeProvider>()));
            services.AddSingleton(new ConsoleSingleSignOn(ConsoleOidcEndpoints.StartPath));
        }

        services.AddAuthentication(LodestarAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, LodestarAuthenticationHandler>(LodestarAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(Policies.Configure);
        services.AddSingleton<RequestRateLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RequestRateLimits>((options, limits) => limits.Configure(options));
        return services;
    }
}
