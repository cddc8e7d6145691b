using Lodestar.Governance.Privacy;
using Lodestar.Knowledge.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Security;

/// <summary>Loads the PII policies now (a bad policy stops the host here, fail closed) and puts them behind Knowledge's redaction port.</summary>
internal static class PiiServiceCollectionExtensions
{
    public static IServiceCollection AddPiiPolicies(this IServiceCollection services, string dataDirectory)
    {
        services.AddSingleton(PiiPolicySet.Locate(dataDirectory));
        services.AddSingleton<KnowledgeRedactor>();
        services.AddSingleton<IKnowledgeRedactor>(provider => provider.GetRequiredService<KnowledgeRedactor>());
        return services;
    }
}
