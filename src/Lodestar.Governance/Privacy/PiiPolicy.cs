namespace Lodestar.Governance.Privacy;

/// <summary>
/// Which entities to look for, what to do with each and where (options section <c>Lodestar:Pii</c>).
/// Validated by <see cref="PiiPolicyValidator"/>; treat an instance as immutable once it has been used.
/// </summary>
public sealed class PiiPolicy
{
    public List<PiiRule> Rules { get; set; } = [];

    public List<CustomPiiEntity> CustomEntities { get; set; } = [];

    /// <summary>Secret for <see cref="PiiOperator.Hash"/> (at least 16 characters); required when any rule hashes.</summary>
    public string? HashKey { get; set; }

    /// <summary>Budget of each regular-expression match; a detector that exceeds it fails the call rather than let text through.</summary>
    public int RegexTimeoutMilliseconds { get; set; } = 250;

    /// <summary>Every built-in entity replaced by its type, everywhere.</summary>
    public static PiiPolicy CreateDefault()
    {
        var policy = new PiiPolicy();
        foreach (var entity in PiiEntityTypes.BuiltIn)
        {
            policy.Rules.Add(new PiiRule { Entity = entity });
        }

        return policy;
    }
}
