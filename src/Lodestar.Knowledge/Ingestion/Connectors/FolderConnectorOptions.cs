namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Which files a <see cref="FolderConnector"/> delivers. Globs match the '/'-separated relative path:
/// <c>**</c> spans any number of folders (zero included), <c>*</c> and <c>?</c> stay within one name.
/// A pattern without '/' matches the file name at any depth (as in .gitignore).
/// </summary>
public sealed record FolderConnectorOptions
{
    public IReadOnlyList<string> Include { get; init; } = ["**/*"];

    /// <summary>Tooling folders, hidden files and folders, and the ACL sidecars (they are metadata, not documents).</summary>
    public IReadOnlyList<string> Exclude { get; init; } =
    [
        "**/.git/**",
        "**/node_modules/**",
        "**/bin/**",
        "**/obj/**",
        "**/.*/**",
        ".*",
        "*.acl.json",
        "_acl.json",
    ];

    public long MaxFileBytes { get; init; } = 50 * 1024 * 1024;
}
