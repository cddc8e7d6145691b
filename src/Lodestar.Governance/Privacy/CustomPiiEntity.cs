namespace Lodestar.Governance.Privacy;

/// <summary>A site-specific entity found by a regular expression, e.g. employee numbers.</summary>
public sealed class CustomPiiEntity
{
    /// <summary>Upper-case name (A–Z, 0–9, _), used as the replacement text.</summary>
    public string Name { get; set; } = string.Empty;

    public string Pattern { get; set; } = string.Empty;
}
