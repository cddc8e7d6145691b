namespace Lodestar.Core;

/// <summary>
/// Who may read a document. Subjects are <c>user:ID</c> or <c>group:NAME</c>.
/// An empty allow list means "everyone in the tenant"; deny always wins over allow.
/// </summary>
public sealed record AccessControlList(IReadOnlyList<string> Allow, IReadOnlyList<string> Deny)
{
    /// <summary>No restriction: readable by every user of the tenant.</summary>
    public static AccessControlList Open { get; } = new([], []);

    public bool IsOpen => Allow.Count == 0 && Deny.Count == 0;

    public bool Permits(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.IsAdministrator)
        {
            return true;
        }

        var allowed = Allow.Count == 0;
        foreach (var subject in principal.Subjects)
        {
            if (Deny.Contains(subject, StringComparer.Ordinal))
            {
                return false;
            }

            allowed |= Allow.Contains(subject, StringComparer.Ordinal);
        }

        return allowed;
    }

    /// <summary>Two ACLs are equal when they allow and deny the same subjects, in any order.</summary>
    public bool Equals(AccessControlList? other) => other is not null && ToKey() == other.ToKey();

    public override int GetHashCode() => ToKey().GetHashCode(StringComparison.Ordinal);

    /// <summary>A stable text form, used to group documents that share one ACL.</summary>
    public string ToKey() =>
        "allow=" + string.Join(',', Allow.Order(StringComparer.Ordinal)) + ";deny=" + string.Join(',', Deny.Order(StringComparer.Ordinal));
}
