using Lodestar.Core;

namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Lists the files of a folder tree (or one file) for ingestion, in ordinal order of their relative path so
/// repeated runs see the same sequence. Directory symlinks are followed; each real directory is entered once,
/// which both breaks loops and avoids indexing one folder twice under two names.
/// </summary>
public sealed class FolderConnector
{
    /// <summary>Enumerates files; anything skipped (unreadable, too large, loops) is not reported.</summary>
    public IEnumerable<SourceFile> Enumerate(string rootOrFile, FolderConnectorOptions options) =>
        Enumerate(rootOrFile, options, new List<SkippedSource>());

    /// <summary>Enumerates files and adds every skipped file or directory, with its reason, to <paramref name="skipped"/>.</summary>
    public IEnumerable<SourceFile> Enumerate(string rootOrFile, FolderConnectorOptions options, ICollection<SkippedSource> skipped)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootOrFile);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(skipped);
        if (options.MaxFileBytes <= 0)
        {
            throw LodestarException.Invalid("MaxFileBytes must be positive");
        }

        var fullPath = Path.GetFullPath(rootOrFile);
        if (File.Exists(fullPath))
        {
            // An explicitly named file is wanted as is: globs do not apply, the size limit does.
            var file = new FileInfo(fullPath);
            var single = new List<SourceFile>(1);
            Accept(file, file.Name, options, single, skipped);
            return single;
        }

        if (!Directory.Exists(fullPath))
        {
            throw LodestarException.NotFound($"no such file or folder: {rootOrFile}");
        }

        var walk = new Walk(options, skipped);
        walk.Visit(new DirectoryInfo(fullPath), RealPath.Resolve(fullPath), "");
        walk.Found.Sort(static (a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return walk.Found;
    }

    private static void Accept(FileInfo file, string relativePath, FolderConnectorOptions options, List<SourceFile> found, ICollection<SkippedSource> skipped)
    {
        // Size and time come from the link target; FullPath keeps the name the user sees.
        var target = file;
        if (file.LinkTarget is not null)
        {
            if (file.ResolveLinkTarget(returnFinalTarget: true) is not FileInfo { Exists: true } resolved)
            {
                skipped.Add(new SkippedSource(relativePath, "broken symbolic link"));
                return;
            }

            target = resolved;
        }

        if (target.Length > options.MaxFileBytes)
        {
            skipped.Add(new SkippedSource(relativePath, $"file is {target.Length} bytes, over the {options.MaxFileBytes}-byte limit"));
            return;
        }

        found.Add(new SourceFile(file.FullName, relativePath, target.Length, target.LastWriteTimeUtc));
    }

    private sealed class Walk(FolderConnectorOptions options, ICollection<SkippedSource> skipped)
    {
        private readonly GlobPattern[] _include = [.. options.Include.Select(static p => new GlobPattern(p))];
        private readonly GlobPattern[] _exclude = [.. options.Exclude.Select(static p => new GlobPattern(p))];
        private readonly GlobPattern[] _excludedDirectories =
            [.. options.Exclude.Select(static p => new GlobPattern(p).DirectoryPrefix).OfType<GlobPattern>()];

        private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
        private readonly HashSet<string> _ancestors = new(StringComparer.Ordinal);

        public List<SourceFile> Found { get; } = [];

        public void Visit(DirectoryInfo directory, string realPath, string relativePath)
        {
            if (!_visited.Add(realPath))
            {
                var reason = _ancestors.Contains(realPath)
                    ? "symbolic link loop"
                    : "same directory already enumerated under another path";
                skipped.Add(new SkippedSource(relativePath, reason));
                return;
            }

            FileSystemInfo[] entries;
            try
            {
                entries = directory.GetFileSystemInfos();
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                skipped.Add(new SkippedSource(relativePath.Length == 0 ? "." : relativePath, "unreadable directory: " + ex.Message));
                return;
            }

            _ancestors.Add(realPath);
            foreach (var entry in entries)
            {
                var childPath = relativePath.Length == 0 ? entry.Name : relativePath + "/" + entry.Name;
                if (entry is DirectoryInfo child)
                {
                    VisitChild(child, realPath, childPath);
                }
                else if (entry is FileInfo file && Wanted(childPath))
                {
                    Accept(file, childPath, options, Found, skipped);
                }
            }

            _ancestors.Remove(realPath);
        }

        private void VisitChild(DirectoryInfo child, string realParent, string childPath)
        {
            if (Matches(_excludedDirectories, childPath))
            {
                return;
            }

            string childReal;
            try
            {
                childReal = RealPath.ResolveChild(realParent, child.Name);
            }
            catch (IOException ex)
            {
                skipped.Add(new SkippedSource(childPath, ex.Message));
                return;
            }

            Visit(child, childReal, childPath);
        }

        private bool Wanted(string relativePath) => Matches(_include, relativePath) && !Matches(_exclude, relativePath);

        private static bool Matches(GlobPattern[] patterns, string relativePath)
        {
            foreach (var pattern in patterns)
            {
                if (pattern.IsMatch(relativePath))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
