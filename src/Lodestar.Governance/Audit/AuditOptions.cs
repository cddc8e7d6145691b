namespace Lodestar.Governance.Audit;

/// <summary>Configuration of the audit trail.</summary>
public sealed class AuditOptions
{
    /// <summary>A signed checkpoint is written every this many records.</summary>
    public int CheckpointInterval { get; set; } = 100;
}
