using Lodestar.Governance.Audit;
using Lodestar.Governance.Identity;
using Lodestar.Knowledge.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Storage.Sqlite.Governance;

/// <summary>Registers the SQLite governance stores and the audit key file of the data directory.</summary>
public static class SqliteGovernanceServiceCollectionExtensions
{
    public static IServiceCollection AddSqliteGovernanceStores(this IServiceCollection services)
    {
        services.AddSingleton<GovernanceSchema>();
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.AddSingleton<IAuditStore, SqliteAuditStore>();
        services.AddSingleton<IAccessControlOverrideStore, SqliteAclOverrideStore>();
        services.AddSingleton(provider => new AuditKeyProvider(Path.Combine(provider.GetRequiredService<DataDirectory>().Root, AuditKeyProvider.FileName)));
        return services;
    }
}
