namespace Lodestar.Governance.Privacy;

/// <summary>One entity type of a policy: how to treat it and where.</summary>
public sealed class PiiRule
{
    /// <summary>A built-in type (<see cref="PiiEntityTypes"/>) or the name of a custom entity.</summary>
    public string Entity { get; set; } = string.Empty;

    public PiiOperator Operator { get; set; } = PiiOperator.Replace;

    public PiiScope Scopes { get; set; } = PiiScope.All;
}
