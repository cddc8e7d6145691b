using System.Text.Json.Serialization;

namespace Lodestar.Governance.Audit;

/// <summary>How the audit trail was found broken; serialised by name so JSON readers need no table.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditProblemKind>))]
public enum AuditProblemKind
{
    /// <summary>A record's content no longer matches its hash.</summary>
    Altered,

    /// <summary>A sequence number is missing (record deleted).</summary>
    Missing,

    /// <summary>A record does not chain from its predecessor (inserted, removed or reordered).</summary>
    BrokenLink,

    /// <summary>The chain is self-consistent but differs from a signed checkpoint (rewritten wholesale).</summary>
    Rewritten,

    /// <summary>A checkpoint's signature is invalid.</summary>
    ForgedCheckpoint,

    /// <summary>A checkpoint that must exist (every N records) is gone.</summary>
    MissingCheckpoint,

    /// <summary>A checkpoint points past the last record (tail deleted).</summary>
    Truncated,
}
