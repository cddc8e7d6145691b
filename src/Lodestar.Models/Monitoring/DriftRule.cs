namespace Lodestar.Models.Monitoring;

/// <summary>
/// When a drift report fires an action: on dataset drift (<see cref="Column"/> null) or on drift of one column.
/// <see cref="Action"/> is <c>alert</c>, <c>webhook</c> (POST the report to <see cref="Url"/>) or <c>retrain</c>
/// (re-run the recorded recipe on <see cref="DataPath"/> and register the result as <c>challenger</c>).
/// </summary>
public sealed record DriftRule(string Action, string? Column = null, string? Url = null, string? DataPath = null)
{
    public const string Alert = "alert";
    public const string Webhook = "webhook";
    public const string Retrain = "retrain";
}
