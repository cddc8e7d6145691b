namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Splits a parsed document into chunks that follow its structure: whole blocks are packed up to
/// <see cref="ChunkingOptions.MaxTokens"/>, a heading starts a new chunk and travels with the content under it,
/// code blocks and tables that fit are never cut, and only blocks too large for one chunk are split (at sentence or
/// line ends, else between words) with overlap. Every chunk is an exact slice of the document text.
/// </summary>
public sealed class StructuredChunker
{
    private readonly ChunkingOptions _options;

    public StructuredChunker(ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The number of chunker tokens in <paramref name="text"/> (see <see cref="ChunkingOptions"/>).</summary>
    public static int CountTokens(ReadOnlySpan<char> text) => TokenIndex.Count(text);

    public IReadOnlyList<Chunk> Split(ParsedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text;
        var tokens = new TokenIndex(text);
        var units = ContentUnits.From(document);
        var pieces = new PiecePlanner(tokens, _options).Plan(units);
        return Pack(text, tokens, pieces);
    }

    private List<Chunk> Pack(string text, TokenIndex tokens, List<Piece> pieces)
    {
        var spans = new List<(int Start, int End, string Path)>();
        (int Start, int End, string Path)? current = null;
        foreach (var piece in pieces)
        {
            if (current is { } open)
            {
                var tooLarge = piece.Start < open.End || tokens.Count(open.Start, piece.End) > _options.MaxTokens;
                var newSection = piece.StartsSection && !piece.HeadingOnly && tokens.Count(open.Start, open.End) >= _options.MinTokens;
                if (!tooLarge && !newSection)
                {
                    current = open with { End = piece.End };
                    continue;
                }

                spans.Add(open);
            }

            current = (piece.Start, piece.End, piece.HeadingPath);
        }

        if (current is { } last)
        {
            spans.Add(last);
        }

        MergeTinyTail(spans, tokens);
        var chunks = new List<Chunk>(spans.Count);
        foreach (var (start, end, path) in spans)
        {
            chunks.Add(new Chunk(chunks.Count, text[start..end], path, start, end, tokens.Count(start, end)));
        }

        return chunks;
    }

    private void MergeTinyTail(List<(int Start, int End, string Path)> spans, TokenIndex tokens)
    {
        if (spans.Count < 2)
        {
            return;
        }

        var (previous, tail) = (spans[^2], spans[^1]);
        if (tokens.Count(tail.Start, tail.End) < _options.MinTokens
            && tail.Start >= previous.End
            && tokens.Count(previous.Start, tail.End) <= _options.MaxTokens)
        {
            spans[^2] = previous with { End = tail.End };
            spans.RemoveAt(spans.Count - 1);
        }
    }
}
