using Lodestar.Core;
using Lodestar.Models.Training;

namespace Lodestar.Models.Registry;

/// <summary>The registry capability shared by the CLI and the server: resolve, load, alias and list models.</summary>
public sealed class ModelRegistry(IModelRegistryStore store, IModelArtifactStore artifacts)
{
    public async Task<ModelVersion> ResolveAsync(ModelReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ModelVersion? version;
        if (reference.Alias is { } alias)
        {
            var aliases = await store.ListAliasesAsync(reference.Name, cancellationToken).ConfigureAwait(false);
            var target = aliases.FirstOrDefault(a => a.Alias == alias)
                ?? throw LodestarException.NotFound($"model '{reference.Name}' has no alias '{alias}'");
            version = await store.GetVersionAsync(reference.Name, target.Version, cancellationToken).ConfigureAwait(false);
        }
        else if (reference.Version is { } number)
        {
            version = await store.GetVersionAsync(reference.Name, number, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            version = await store.GetLatestVersionAsync(reference.Name, cancellationToken).ConfigureAwait(false);
        }

        return version ?? throw LodestarException.NotFound($"model '{reference}' is not registered");
    }

    public Task<TabularModel> LoadAsync(ModelVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        return artifacts.LoadAsync(version.ArtifactSha256, cancellationToken);
    }

    /// <summary>Moves (or creates) an alias, failing with Conflict if someone else moved it since it was read.</summary>
    public async Task<ModelAlias> SetAliasAsync(string name, string alias, int version, CancellationToken cancellationToken = default)
    {
        ModelNames.Validate(name, "model");
        ModelNames.ValidateAlias(alias);

        var current = (await store.ListAliasesAsync(name, cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => a.Alias == alias);
        return await store.SetAliasAsync(name, alias, version, current?.RowVersion ?? 0, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RegisteredModelSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var models = await store.ListModelsAsync(cancellationToken).ConfigureAwait(false);
        var summaries = new List<RegisteredModelSummary>(models.Count);
        foreach (var model in models)
        {
            var versions = await store.ListVersionsAsync(model.Name, cancellationToken).ConfigureAwait(false);
            var aliases = await store.ListAliasesAsync(model.Name, cancellationToken).ConfigureAwait(false);
            summaries.Add(new RegisteredModelSummary(model.Name, model.CreatedAt, versions, aliases.ToDictionary(a => a.Alias, a => a.Version)));
        }

        return summaries;
    }
}
