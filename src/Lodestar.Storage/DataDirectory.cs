namespace Lodestar.Storage;

/// <summary>The layout of the embedded default's data directory.</summary>
public sealed class DataDirectory
{
    public DataDirectory(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The folder named by <c>--data</c>, env <c>LODESTAR_DATA</c>, or <c>./.lodestar-data</c>.</summary>
    public static string ResolveRoot(string? option) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : Environment.GetEnvironmentVariable("LODESTAR_DATA") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : ".lodestar-data";

    public string Root { get; }

    public string DatabasePath => Path.Combine(Root, "lodestar.db");

    /// <summary>Index files of one knowledge base; derived data that can be rebuilt from the database.</summary>
    public string IndexDirectory(string tenantId, string knowledgeBase) => Path.Combine(Root, "indexes", tenantId, knowledgeBase);

    public string ArtifactDirectory => Path.Combine(Root, "artifacts");
}
