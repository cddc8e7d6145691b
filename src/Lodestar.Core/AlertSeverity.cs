namespace Lodestar.Core;

/// <summary>How urgent an alert is; webhooks and the console show it as a lower-case word.</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
