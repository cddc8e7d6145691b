namespace Lodestar.Knowledge.Ingestion;

/// <summary>A block trimmed to its first and last non-whitespace character.</summary>
internal readonly record struct ContentUnit(int Start, int End, SectionKind Kind, string HeadingPath)
{
    /// <summary>Code and tables stay whole when they fit.</summary>
    public bool IsAtomic => Kind is SectionKind.Code or SectionKind.Table;
}
