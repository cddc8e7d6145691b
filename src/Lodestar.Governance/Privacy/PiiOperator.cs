namespace Lodestar.Governance.Privacy;

/// <summary>What happens to a detected entity.</summary>
public enum PiiOperator
{
    /// <summary>Replaced by <c>&lt;TYPE&gt;</c>.</summary>
    Replace,

    /// <summary>Every letter and digit but the last four becomes <c>*</c>; separators stay.</summary>
    Mask,

    /// <summary>Replaced by <c>&lt;TYPE:hex&gt;</c>, a truncated keyed HMAC-SHA256: equal values stay linkable, unreadable without the key.</summary>
    Hash,

    /// <summary>Removed.</summary>
    Redact,
}
