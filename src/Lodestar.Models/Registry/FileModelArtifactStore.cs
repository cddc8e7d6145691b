using System.Security.Cryptography;
using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Training;

namespace Lodestar.Models.Registry;

/// <summary>Model artifacts as files named by their SHA-256 under <c>{root}/models/</c>; identical models share one file.</summary>
public sealed class FileModelArtifactStore(string root) : IModelArtifactStore
{
    private readonly string _directory = Path.Combine(root, "models");

    public async Task<string> SaveAsync(TabularModel model, CancellationToken cancellationToken = default)
    {
        var bytes = ModelArtifactFormat.Serialize(model);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            await AtomicFile.WriteAsync(path, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken).ConfigureAwait(false);
        }

        return sha256;
    }

    public async Task<TabularModel> LoadAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            throw LodestarException.NotFound($"model artifact {sha256} is missing from {_directory}");
        }

        return ModelArtifactFormat.Load(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), sha256);
    }

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw LodestarException.Invalid($"'{sha256}' is not a SHA-256 artifact id");
        }

        return Path.Combine(_directory, $"sha256-{sha256}.json");
    }
}
