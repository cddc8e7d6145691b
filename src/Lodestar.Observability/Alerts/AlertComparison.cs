namespace Lodestar.Observability.Alerts;

/// <summary>Which side of the threshold is bad.</summary>
public enum AlertComparison
{
    Above,
    Below,
}
