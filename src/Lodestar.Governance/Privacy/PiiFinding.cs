namespace Lodestar.Governance.Privacy;

/// <summary>A detected entity: its type and where it sits in the original text (UTF-16 offsets).</summary>
public sealed record PiiFinding(string EntityType, int Start, int Length)
{
    public int End => Start + Length;
}
