namespace Lodestar.Core;

/// <summary>The roles a principal can hold within a tenant.</summary>
public static class Role
{
    public const string Admin = "admin";
    public const string Curator = "curator";
    public const string Member = "member";
    public const string Auditor = "auditor";

    public static IReadOnlyList<string> All { get; } = [Admin, Curator, Member, Auditor];
}
