namespace Lodestar.Observability.Costs;

/// <summary>What a budget limits: a whole tenant, or one API key of it.</summary>
public enum BudgetScope
{
    Tenant,
    Key,
}
