using System.Text;
using System.Text.RegularExpressions;
using Lodestar.Core;

namespace Lodestar.Governance.Privacy;

/// <summary>A validated policy with its detectors built: one entry per rule.</summary>
internal sealed class CompiledPiiPolicy
{
    private CompiledPiiPolicy(IReadOnlyList<CompiledPiiRule> rules, byte[]? hashKey)
    {
        Rules = rules;
        HashKey = hashKey;
    }

    public IReadOnlyList<CompiledPiiRule> Rules { get; }

    public byte[]? HashKey { get; }

    public static CompiledPiiPolicy Compile(PiiPolicy policy)
    {
        var errors = PiiPolicyValidator.Errors(policy);
        if (errors.Count > 0)
        {
            throw LodestarException.Invalid("invalid PII policy: " + string.Join("; ", errors));
        }

        var timeout = TimeSpan.FromMilliseconds(policy.RegexTimeoutMilliseconds);
        var rules = new List<CompiledPiiRule>(policy.Rules.Count);
        foreach (var rule in policy.Rules)
        {
            var custom = policy.CustomEntities.Find(entity => string.Equals(entity.Name, rule.Entity, StringComparison.Ordinal));
            IReadOnlyList<PiiDetector> detectors = custom is null
                ? BuiltInPiiDetectors.For(rule.Entity)
                : [new PiiDetector(custom.Name, new Regex(custom.Pattern, RegexOptions.CultureInvariant, timeout), 3)];
            rules.Add(new CompiledPiiRule(detectors, rule.Operator, rule.Scopes));
        }

        return new CompiledPiiPolicy(rules, policy.HashKey is null ? null : Encoding.UTF8.GetBytes(policy.HashKey));
    }
}
