namespace Lodestar.Models.Registry;

/// <summary>Named lifecycle resources a tenant owns; their names are unique across tenants.</summary>
public static class ResourceKind
{
    public const string Model = "model";
    public const string Experiment = "experiment";
}
