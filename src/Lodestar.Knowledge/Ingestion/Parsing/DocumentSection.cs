namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// One block of a parsed document: <c>Text[StartOffset..EndOffset]</c> of its <see cref="ParsedDocument"/>.
/// <paramref name="HeadingPath"/> names the enclosing headings, outermost first ("Guide > Install > Linux");
/// a heading block's path ends with the heading itself.
/// </summary>
public sealed record DocumentSection(string HeadingPath, int StartOffset, int EndOffset, SectionKind Kind);
