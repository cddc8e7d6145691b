namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// A span of at most MaxTokens that the packer may combine with neighbours but never cut: a block, a block with its
/// headings, or one part of an oversize block. <see cref="StartsSection"/> marks a span that begins with a heading.
/// </summary>
internal readonly record struct Piece(int Start, int End, string HeadingPath, bool StartsSection, bool HeadingOnly);
