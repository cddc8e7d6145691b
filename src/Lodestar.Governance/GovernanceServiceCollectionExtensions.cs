using Lodestar.Core;
using Lodestar.Governance.Audit;
using Lodestar.Governance.Identity;
using Lodestar.Governance.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lodestar.Governance;

/// <summary>Registers the governance services; the stores they need come from <c>AddSqliteGovernanceStores()</c>.</summary>
public static class GovernanceServiceCollectionExtensions
{
    public static IServiceCollection AddGovernance(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AuditOptions>();
        services.AddOptions<PiiPolicy>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PiiPolicy>, PiiPolicyValidator>());

        services.AddSingleton<AuditTrail>();
        services.AddSingleton<IAuditLog>(provider => provider.GetRequiredService<AuditTrail>());
        services.AddSingleton(provider => SignInCache.FromEnvironment(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<IPrincipalResolver>(provider => provider.GetRequiredService<UserDirectory>());
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<PiiRedactor>();
        return services;
    }
}
