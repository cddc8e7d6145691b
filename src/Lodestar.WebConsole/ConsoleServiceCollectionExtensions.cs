using Lodestar.WebConsole.Ingestion;
using Lodestar.WebConsole.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.WebConsole;

/// <summary>Registers the web console: Razor components (static server rendering), the cookie session and its policies.</summary>
public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// Adds the console. Cookie-protection keys live in <paramref name="dataDirectory"/> so sessions survive a restart.
    /// Call after the host's own <c>AddAuthentication</c>/<c>AddAuthorization</c>; the console adds its scheme and policies beside them.
    /// </summary>
    public static IServiceCollection AddLodestarConsole(this IServiceCollection services, ConsoleIdentity identity, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        services.AddSingleton(identity);
        services.AddSingleton<IngestionJobs>();
        services.AddRazorComponents();
        services.AddDataProtection()
            .SetApplicationName("lodestar-console")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "console-keys")));
        new AuthenticationBuilder(services).AddCookie(ConsoleCookie.Scheme, ConsoleCookie.Configure);
        services.Configure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(ConsolePolicies.Configure);
        return services;
    }
}
