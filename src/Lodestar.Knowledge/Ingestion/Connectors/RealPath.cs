namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Resolves symbolic links in every component of a path (what POSIX realpath does), so two routes to the
/// same directory compare equal. .NET only resolves the last component, hence this helper.
/// </summary>
internal static class RealPath
{
    // Matches the Linux kernel's SYMLOOP_MAX: deeper chains are treated as loops.
    private const int MaxLinkHops = 40;

    public static string Resolve(string path) => Resolve(Path.GetFullPath(path), 0);

    /// <summary>The real path of <paramref name="name"/> inside a directory whose real path is already known.</summary>
    public static string ResolveChild(string realParent, string name, int hops = 0)
    {
        var candidate = Path.Combine(realParent, name);
        var target = new FileInfo(candidate).LinkTarget;
        if (target is null)
        {
            return candidate;
        }

        if (hops >= MaxLinkHops)
        {
            throw new IOException($"too many levels of symbolic links at {candidate}");
        }

        return Resolve(Path.GetFullPath(target, realParent), hops + 1);
    }

    private static string Resolve(string fullPath, int hops)
    {
        var parent = Path.GetDirectoryName(fullPath);
        var name = Path.GetFileName(fullPath);
        if (parent is null || name.Length == 0)
        {
            return fullPath;
        }

        return ResolveChild(Resolve(parent, hops), name, hops);
    }
}
