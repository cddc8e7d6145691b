namespace Lodestar.Observability.Costs;

/// <summary>How usage totals are rolled up.</summary>
public enum UsageGrouping
{
    User,
    Key,
    KnowledgeBase,
    Model,
    Day,
}
