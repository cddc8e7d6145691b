using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Lodestar.Governance.Privacy;

/// <summary>
/// Fails closed at start-up: an unknown entity, a duplicate rule, a bad custom pattern or a hash rule without a
/// key is a configuration error, never a silently skipped detector.
/// </summary>
public sealed class PiiPolicyValidator : IValidateOptions<PiiPolicy>
{
    private const int MinimumHashKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, PiiPolicy options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Errors(PiiPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<string>();
        if (policy.RegexTimeoutMilliseconds is < 1 or > 10_000)
        {
            errors.Add($"PII regex timeout must be 1..10000 ms, not {policy.RegexTimeoutMilliseconds}");
        }

        var custom = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in policy.CustomEntities)
        {
            CheckCustom(entity, policy.RegexTimeoutMilliseconds, custom, errors);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in policy.Rules)
        {
            if (!PiiEntityTypes.BuiltIn.Contains(rule.Entity, StringComparer.Ordinal) && !custom.Contains(rule.Entity))
            {
                errors.Add($"unknown PII entity type '{rule.Entity}' (built-in: {string.Join(", ", PiiEntityTypes.BuiltIn)}; or declare it as a custom entity)");
            }
            else if (!seen.Add(rule.Entity))
            {
                errors.Add($"PII entity type '{rule.Entity}' has more than one rule");
            }

            if (!Enum.IsDefined(rule.Operator))
            {
                errors.Add($"unknown PII operator '{rule.Operator}' for '{rule.Entity}'");
            }

            if (rule.Operator == PiiOperator.Hash && (policy.HashKey?.Length ?? 0) < MinimumHashKeyLength)
            {
                errors.Add($"PII rule '{rule.Entity}' hashes, so HashKey must be at least {MinimumHashKeyLength} characters");
            }

            if (rule.Scopes == PiiScope.None || (rule.Scopes & ~PiiScope.All) != 0)
            {
                errors.Add($"PII rule '{rule.Entity}' must apply to ingest, answers and/or outbound-llm");
            }
        }

        return errors;
    }

    private static void CheckCustom(CustomPiiEntity entity, int timeoutMilliseconds, HashSet<string> names, List<string> errors)
    {
        if (entity.Name.Length == 0 || !entity.Name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            errors.Add($"custom PII entity name '{entity.Name}' must be non-empty upper-case letters, digits and '_'");
        }
        else if (PiiEntityTypes.BuiltIn.Contains(entity.Name, StringComparer.Ordinal) || !names.Add(entity.Name))
        {
            errors.Add($"custom PII entity '{entity.Name}' is declared twice or shadows a built-in type");
        }

        try
        {
            var regex = new Regex(entity.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(Math.Max(1, timeoutMilliseconds)));
            if (entity.Pattern.Length == 0 || regex.IsMatch(string.Empty))
            {
                errors.Add($"custom PII entity '{entity.Name}' has a pattern that matches empty text");
            }
        }
        catch (ArgumentException error)
        {
            errors.Add($"custom PII entity '{entity.Name}' has an invalid pattern: {error.Message}");
        }
    }
}
