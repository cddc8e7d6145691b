using System.Globalization;
using Lodestar.Core;
using Lodestar.Models.Tracking;
using Lodestar.Models.Training;

namespace Lodestar.Models.Registry;

/// <summary>
/// The registry as callers with an identity see it (HTTP, retraining): tenant isolation, training and registration,
/// version tags, and alias moves under promotion policies. Every change is written to the audit trail.
/// </summary>
public sealed class RegistryService(
    ModelRegistry registry,
    IModelRegistryStore store,
    IModelGovernanceStore governance,
    ITrackingStore tracking,
    ModelTrainer trainer,
    IContentStore content,
    IAuditLog audit,
    TimeProvider clock)
{
    /// <summary>Trains and registers a new version as <paramref name="principal"/>; the training data is kept as the version's drift reference.</summary>
    public async Task<TrainResult> TrainAsync(Principal principal, TrainRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(request);
        ModelNames.Validate(request.ModelName, "model");
        var owner = await OwnerAsync(ResourceKind.Model, request.ModelName, cancellationToken).ConfigureAwait(false)
            ?? await governance.ClaimAsync(ResourceKind.Model, request.ModelName, principal.TenantId, cancellationToken).ConfigureAwait(false);
        if (owner != principal.TenantId)
        {
            throw LodestarException.Conflict($"model name '{request.ModelName}' is already used by another tenant");
        }

        await governance.ClaimAsync(ResourceKind.Experiment, request.ModelName, owner, cancellationToken).ConfigureAwait(false);

        // Kept before training, so every registered version has its drift reference even after a crash in between.
        if (File.Exists(request.DataPath))
        {
            await content.PutFileAsync(request.DataPath, cancellationToken).ConfigureAwait(false);
        }

        var result = await trainer.TrainAsync(request, cancellationToken).ConfigureAwait(false);
        await governance.RecordAuthorAsync(result.Model, result.Version, principal.UserId, cancellationToken).ConfigureAwait(false);
        await AuditAsync(principal, "model.version.register", result.Model, new Dictionary<string, string>
        {
            ["version"] = result.Version.ToString(CultureInfo.InvariantCulture),
            ["run"] = result.Run,
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task<IReadOnlyList<RegisteredModelSummary>> ListAsync(Principal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var visible = new List<RegisteredModelSummary>();
        foreach (var model in await store.ListModelsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await OwnerAsync(ResourceKind.Model, model.Name, cancellationToken).ConfigureAwait(false) == principal.TenantId)
            {
                visible.Add(await SummaryAsync(model, cancellationToken).ConfigureAwait(false));
            }
        }

        return visible;
    }

    public async Task<RegisteredModelSummary> GetAsync(Principal principal, string name, CancellationToken cancellationToken = default)
    {
        await EnsureVisibleAsync(principal, name, cancellationToken).ConfigureAwait(false);
        var model = (await store.ListModelsAsync(cancellationToken).ConfigureAwait(false)).First(m => m.Name == name);
        return await SummaryAsync(model, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resolves NAME, NAME@ALIAS or NAME:VERSION within the caller's tenant.</summary>
    public async Task<VersionDetails> GetVersionAsync(Principal principal, ModelReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        await EnsureVisibleAsync(principal, reference.Name, cancellationToken).ConfigureAwait(false);
        var version = await ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
        var run = await tracking.GetRunAsync(version.RunId, cancellationToken).ConfigureAwait(false);
        return new VersionDetails(
            version,
            await governance.GetAuthorAsync(version.Name, version.Version, cancellationToken).ConfigureAwait(false),
            run?.DatasetSha256,
            run?.CodeVersion,
            await governance.GetVersionTagsAsync(version.Name, version.Version, cancellationToken).ConfigureAwait(false));
    }

    public async Task SetVersionTagAsync(Principal principal, string name, int version, string key, string? value, CancellationToken cancellationToken = default)
    {
        var target = await GetVersionAsync(principal, new ModelReference(name, null, version), cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(key) || key.Length > 250)
        {
            throw LodestarException.Invalid("a tag key must be 1-250 characters");
        }

        await governance.SetVersionTagAsync(name, target.Version.Version, key, value, cancellationToken).ConfigureAwait(false);
        await AuditAsync(principal, "model.version.tag", name, new Dictionary<string, string>
        {
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
            ["key"] = key,
            ["value"] = value ?? "(removed)",
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The policy in force for an alias: the configured one, or the default for the model's task.</summary>
    public async Task<PromotionPolicy> GetPolicyAsync(Principal principal, string name, string alias, CancellationToken cancellationToken = default)
    {
        await EnsureVisibleAsync(principal, name, cancellationToken).ConfigureAwait(false);
        return await PolicyAsync(name, alias, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PromotionPolicy> SetPolicyAsync(Principal principal, string name, PromotionPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        await EnsureVisibleAsync(principal, name, cancellationToken).ConfigureAwait(false);
        ModelNames.ValidateAlias(policy.Alias);
        await governance.SetPolicyAsync(name, policy, cancellationToken).ConfigureAwait(false);
        await AuditAsync(principal, "model.policy.set", name, new Dictionary<string, string>
        {
            ["alias"] = policy.Alias,
            ["requireApproval"] = policy.RequireApproval ? "true" : "false",
            ["metric"] = policy.Metric ?? "(none)",
        }, cancellationToken).ConfigureAwait(false);
        return policy;
    }

    /// <summary>
    /// Moves an alias directly. Refused (403) when the alias's policy requires approval; a move racing another one
    /// fails with Conflict when <paramref name="expectedRowVersion"/> is given and stale.
    /// </summary>
    public async Task<ModelAlias> MoveAliasAsync(Principal principal, string name, string alias, int version, long? expectedRowVersion, CancellationToken cancellationToken = default)
    {
        await EnsureVisibleAsync(principal, name, cancellationToken).ConfigureAwait(false);
        ModelNames.ValidateAlias(alias);
        var policy = await PolicyAsync(name, alias, cancellationToken).ConfigureAwait(false);
        if (policy.RequireApproval)
        {
            throw LodestarException.Forbidden($"moving '{name}@{alias}' requires an approved promotion request (POST /v1/models/{name}/promotions)");
        }

        await CheckMetricAsync(name, alias, version, policy, cancellationToken).ConfigureAwait(false);
        var expected = expectedRowVersion ?? (await CurrentAliasAsync(name, alias, cancellationToken).ConfigureAwait(false))?.RowVersion ?? 0;
        var moved = await store.SetAliasAsync(name, alias, version, expected, cancellationToken).ConfigureAwait(false);
        await AuditAsync(principal, "model.alias.set", name, AliasDetails(moved), cancellationToken).ConfigureAwait(false);
        return moved;
    }

    internal Task<ModelVersion> ResolveAsync(ModelReference reference, CancellationToken cancellationToken) => registry.ResolveAsync(reference, cancellationToken);

    /// <summary>NotFound unless the model exists and belongs to the caller's tenant (other tenants cannot learn it exists).</summary>
    internal async Task EnsureVisibleAsync(Principal principal, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ModelNames.Validate(name, "model");
        if (await OwnerAsync(ResourceKind.Model, name, cancellationToken).ConfigureAwait(false) != principal.TenantId)
        {
            throw LodestarException.NotFound($"model '{name}' is not registered");
        }
    }

    internal async Task<PromotionPolicy> PolicyAsync(string name, string alias, CancellationToken cancellationToken)
    {
        var configured = await governance.GetPolicyAsync(name, alias, cancellationToken).ConfigureAwait(false);
        if (configured is not null)
        {
            return configured;
        }

        var latest = await store.GetLatestVersionAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw LodestarException.NotFound($"model '{name}' is not registered");
        return PromotionPolicy.Default(alias, latest.Signature.Task);
    }

    /// <summary>Conflict when the candidate's policy metric is worse than the version the alias points at now.</summary>
    internal async Task CheckMetricAsync(string name, string alias, int version, PromotionPolicy policy, CancellationToken cancellationToken)
    {
        var candidate = await store.GetVersionAsync(name, version, cancellationToken).ConfigureAwait(false)
            ?? throw LodestarException.NotFound($"model '{name}' has no version {version}");
        if (policy.Metric is not { } metric)
        {
            return;
        }

        var current = await CurrentAliasAsync(name, alias, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Version == version)
        {
            return;
        }

        var incumbent = await store.GetVersionAsync(name, current.Version, cancellationToken).ConfigureAwait(false);
        if (incumbent is null || !incumbent.Metrics.TryGetValue(metric, out var incumbentValue))
        {
            return;
        }

        if (!candidate.Metrics.TryGetValue(metric, out var candidateValue))
        {
            throw LodestarException.Conflict($"version {version} has no '{metric}' metric to compare with {name}@{alias} (version {current.Version})");
        }

        if (!policy.Allows(candidateValue, incumbentValue))
        {
            throw LodestarException.Conflict(string.Create(CultureInfo.InvariantCulture,
                $"policy for '{alias}': version {version} has {metric}={candidateValue:G6}, worse than version {current.Version} ({incumbentValue:G6})"));
        }
    }

    internal async Task<ModelAlias?> CurrentAliasAsync(string name, string alias, CancellationToken cancellationToken) =>
        (await store.ListAliasesAsync(name, cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => a.Alias == alias);

    internal Task<ModelAlias> SetAliasAsync(string name, string alias, int version, long expectedRowVersion, CancellationToken cancellationToken) =>
        store.SetAliasAsync(name, alias, version, expectedRowVersion, cancellationToken);

    internal Task<string?> AuthorAsync(string name, int version, CancellationToken cancellationToken) =>
        governance.GetAuthorAsync(name, version, cancellationToken);

    internal ValueTask AuditAsync(Principal principal, string action, string model, IReadOnlyDictionary<string, string> details, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditEvent(principal.TenantId, principal.UserId, action, "model:" + model, details), cancellationToken);

    internal DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Audit details of an alias move.</summary>
    public static Dictionary<string, string> AliasDetails(ModelAlias alias) => new()
    {
        ["alias"] = alias.Alias,
        ["version"] = alias.Version.ToString(CultureInfo.InvariantCulture),
        ["rowVersion"] = alias.RowVersion.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The owning tenant; models registered before ownership was recorded (e.g. by the CLI) belong to the default tenant.</summary>
    private async Task<string?> OwnerAsync(string kind, string name, CancellationToken cancellationToken)
    {
        var owner = await governance.GetOwnerAsync(kind, name, cancellationToken).ConfigureAwait(false);
        if (owner is not null)
        {
            return owner;
        }

        var exists = kind == ResourceKind.Model && await store.GetLatestVersionAsync(name, cancellationToken).ConfigureAwait(false) is not null;
        return exists ? Principal.DefaultTenant : null;
    }

    private async Task<RegisteredModelSummary> SummaryAsync(RegisteredModel model, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(model.Name, cancellationToken).ConfigureAwait(false);
        var aliases = await store.ListAliasesAsync(model.Name, cancellationToken).ConfigureAwait(false);
        return new RegisteredModelSummary(model.Name, model.CreatedAt, versions, aliases.ToDictionary(a => a.Alias, a => a.Version));
    }
}
