using Lodestar.Models.Training;

namespace Lodestar.Models.Registry;

/// <summary>Content-addressed model files: saving returns the SHA-256 that later loads the same model back.</summary>
public interface IModelArtifactStore
{
    Task<string> SaveAsync(TabularModel model, CancellationToken cancellationToken = default);

    /// <summary>Loads and verifies the artifact; a missing or altered file is an error.</summary>
    Task<TabularModel> LoadAsync(string sha256, CancellationToken cancellationToken = default);
}
