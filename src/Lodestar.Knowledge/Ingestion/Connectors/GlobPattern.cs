namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// A compiled glob over '/'-separated relative paths (ordinal, case-sensitive like the Linux file system).
/// Matching works segment by segment so <c>*</c> never crosses a '/'.
/// </summary>
internal sealed class GlobPattern
{
    private const string AnyDepth = "**";
    private readonly string[] _segments;
    private readonly bool _nameOnly;

    public GlobPattern(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw Core.LodestarException.Invalid("glob pattern must not be empty");
        }

        var normalized = pattern.Replace('\\', '/').TrimStart('/');
        _nameOnly = !normalized.Contains('/', StringComparison.Ordinal);
        _segments = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Text = pattern;
    }

    public string Text { get; }

    /// <summary>The pattern minus a trailing "/**": a directory matching it is excluded as a whole.</summary>
    public GlobPattern? DirectoryPrefix =>
        _segments.Length > 1 && _segments[^1] == AnyDepth ? new GlobPattern(string.Join('/', _segments[..^1])) : null;

    public bool IsMatch(string relativePath)
    {
        var path = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (_nameOnly)
        {
            return path.Length > 0 && MatchSegment(_segments[0], path[^1]);
        }

        return MatchSegments(0, path, 0);
    }

    private bool MatchSegments(int patternIndex, string[] path, int pathIndex)
    {
        while (patternIndex < _segments.Length)
        {
            var segment = _segments[patternIndex];
            if (segment == AnyDepth)
            {
                // "**" may swallow zero or more whole segments.
                for (var skip = pathIndex; skip <= path.Length; skip++)
                {
                    if (MatchSegments(patternIndex + 1, path, skip))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (pathIndex >= path.Length || !MatchSegment(segment, path[pathIndex]))
            {
                return false;
            }

            patternIndex++;
            pathIndex++;
        }

        return pathIndex == path.Length;
    }

    /// <summary>Classic two-pointer wildcard match with backtracking to the last '*'.</summary>
    internal static bool MatchSegment(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
