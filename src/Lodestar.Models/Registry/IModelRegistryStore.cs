namespace Lodestar.Models.Registry;

/// <summary>Model registry persistence: names, numbered immutable versions, and aliases moved under optimistic concurrency.</summary>
public interface IModelRegistryStore
{
    /// <summary>Creates the model if needed and registers the next version number (1, 2, ...) atomically.</summary>
    Task<ModelVersion> CreateVersionAsync(NewModelVersion version, DateTimeOffset createdAt, CancellationToken cancellationToken = default);

    Task<ModelVersion?> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default);

    Task<ModelVersion?> GetLatestVersionAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>Versions of a model, ascending.</summary>
    Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ModelAlias>> ListAliasesAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Points <paramref name="alias"/> at <paramref name="version"/> if the alias still has
    /// <paramref name="expectedRowVersion"/> (0 = must not exist yet); otherwise throws a Conflict.
    /// The version must exist (NotFound otherwise).
    /// </summary>
    Task<ModelAlias> SetAliasAsync(string name, string alias, int version, long expectedRowVersion, CancellationToken cancellationToken = default);
}
