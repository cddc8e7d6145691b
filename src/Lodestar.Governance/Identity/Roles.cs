using Lodestar.Core;

namespace Lodestar.Governance.Identity;

/// <summary>Validates role names against <see cref="Role.All"/>; an empty request means <see cref="Role.Member"/>.</summary>
public static class Roles
{
    public static IReadOnlyList<string> Parse(IEnumerable<string>? requested)
    {
        var result = new List<string>();
        foreach (var raw in requested ?? [])
        {
            var role = raw.Trim().ToLowerInvariant();
            if (!Role.All.Contains(role, StringComparer.Ordinal))
            {
                throw LodestarException.Invalid($"unknown role '{raw}' (expected one of: {string.Join(", ", Role.All)})");
            }

            if (!result.Contains(role, StringComparer.Ordinal))
            {
                result.Add(role);
            }
        }

        return result.Count == 0 ? [Role.Member] : result;
    }
}
