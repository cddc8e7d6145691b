namespace Lodestar.Models.Registry;

/// <summary>
/// Who owns which model and experiment (tenant isolation), who authored each version, version tags,
/// promotion policies and promotion requests. Kept apart from <see cref="IModelRegistryStore"/> so the
/// registry port stays small.
/// </summary>
public interface IModelGovernanceStore
{
    /// <summary>Records <paramref name="tenantId"/> as owner unless the name is already owned; returns the owner.</summary>
    Task<string> ClaimAsync(string kind, string name, string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The owning tenant, or null for names created before ownership was recorded (they belong to the default tenant).</summary>
    Task<string?> GetOwnerAsync(string kind, string name, CancellationToken cancellationToken = default);

    /// <summary>Records who registered a version; write-once.</summary>
    Task RecordAuthorAsync(string model, int version, string author, CancellationToken cancellationToken = default);

    Task<string?> GetAuthorAsync(string model, int version, CancellationToken cancellationToken = default);

    /// <summary>Sets a version tag, or removes it when <paramref name="value"/> is null. The version itself stays immutable.</summary>
    Task SetVersionTagAsync(string model, int version, string key, string? value, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, string>> GetVersionTagsAsync(string model, int version, CancellationToken cancellationToken = default);

    Task SetPolicyAsync(string model, PromotionPolicy policy, CancellationToken cancellationToken = default);

    Task<PromotionPolicy?> GetPolicyAsync(string model, string alias, CancellationToken cancellationToken = default);

    Task CreatePromotionAsync(PromotionRequest request, CancellationToken cancellationToken = default);

    Task<PromotionRequest?> GetPromotionAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Requests for a model, newest first.</summary>
    Task<IReadOnlyList<PromotionRequest>> ListPromotionsAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Moves a Pending request to Approved or Rejected; a request decided already is a Conflict.</summary>
    Task<PromotionRequest> DecideAsync(string id, PromotionStatus status, string decidedBy, string? reason, DateTimeOffset decidedAt, CancellationToken cancellationToken = default);
}
