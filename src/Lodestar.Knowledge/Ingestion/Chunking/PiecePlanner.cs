namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Plans the uncuttable pieces the packer works with. Headings are glued to the block that follows them; a block
/// (with its headings) over MaxTokens is cut greedily at the last sentence or line end that fits, else between
/// words, and each next part restarts up to OverlapTokens earlier (see <see cref="OverlapStart"/>).
/// </summary>
internal sealed class PiecePlanner(TokenIndex tokens, ChunkingOptions options)
{
    private readonly List<Piece> _pieces = [];

    public List<Piece> Plan(List<ContentUnit> units)
    {
        _pieces.Clear();
        var headings = -1;
        var headingsEnd = 0;
        var headingsPath = "";
        foreach (var unit in units)
        {
            if (unit.Kind == SectionKind.Heading)
            {
                headings = headings < 0 ? unit.Start : headings;
                headingsEnd = unit.End;
                headingsPath = unit.HeadingPath;
                continue;
            }

            var unitTokens = tokens.Count(unit.Start, unit.End);
            if (headings < 0)
            {
                AddBlock(unit.Start, unit.End, unit.Start, unitTokens, unit.HeadingPath, startsSection: false);
            }
            else if (unit.IsAtomic && unitTokens <= options.MaxTokens && tokens.Count(headings, unit.End) > options.MaxTokens)
            {
                // The table or code fits alone but not with its heading: keep it whole, the heading goes alone.
                AddHeadings(headings, headingsEnd, headingsPath, headingOnly: true);
                _pieces.Add(new Piece(unit.Start, unit.End, unit.HeadingPath, StartsSection: false, HeadingOnly: false));
            }
            else
            {
                AddBlock(headings, unit.End, unit.Start, tokens.Count(headings, unit.End), unit.HeadingPath, startsSection: true);
            }

            headings = -1;
        }

        if (headings >= 0)
        {
            // A document (or its end) with nothing but headings: they are the content.
            AddHeadings(headings, headingsEnd, headingsPath, headingOnly: _pieces.Count > 0);
        }

        return _pieces;
    }

    private void AddHeadings(int start, int end, string path, bool headingOnly) =>
        AddBlock(start, end, start, tokens.Count(start, end), path, startsSection: true, headingOnly);

    private void AddBlock(int start, int end, int contentStart, int tokenCount, string path, bool startsSection, bool headingOnly = false)
    {
        if (tokenCount <= options.MaxTokens)
        {
            _pieces.Add(new Piece(start, end, path, startsSection, headingOnly));
            return;
        }

        var first = tokens.FirstAtOrAfter(start);
        var last = tokens.FirstAtOrAfter(end);
        // The first part must reach past the headings into the content.
        var minFirstEnd = tokens.FirstAtOrAfter(contentStart) + 1;
        var from = first;
        var previousEnd = Math.Max(first, minFirstEnd - 1);
        while (true)
        {
            var limit = Math.Min(last, from + options.MaxTokens);
            var to = limit == last ? last : LastBoundary(previousEnd + 1, limit) ?? limit;
            var pieceStart = from == first ? start : tokens.StartOf(from);
            var pieceEnd = to == last ? end : tokens.EndOf(to - 1);
            _pieces.Add(new Piece(pieceStart, pieceEnd, path, startsSection && from == first, headingOnly));
            if (to == last)
            {
                return;
            }

            from = Math.Max(from + 1, OverlapStart(to, cutAtSentence: StartsSentence(to)));
            previousEnd = to;
        }
    }

    /// <summary>The last token index in [lowest, highest] that starts a sentence or line, if any.</summary>
    private int? LastBoundary(int lowest, int highest)
    {
        for (var i = highest; i >= lowest; i--)
        {
            if (StartsSentence(i))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>
    /// Where the next part starts: the earliest sentence start within the overlap window. With none there, a cut
    /// made mid-sentence repeats the last OverlapTokens words, while a cut at a sentence end repeats nothing,
    /// since a sentence fragment would add noise rather than context.
    /// </summary>
    private int OverlapStart(int to, bool cutAtSentence)
    {
        var earliest = Math.Max(0, to - options.OverlapTokens);
        for (var i = earliest; i < to; i++)
        {
            if (StartsSentence(i))
            {
                return i;
            }
        }

        return cutAtSentence ? to : earliest;
    }

    /// <summary>A token starts a sentence when a line break precedes it, or ". ! ?" followed by whitespace.</summary>
    private bool StartsSentence(int token)
    {
        if (token <= 0 || token >= tokens.Length)
        {
            return false;
        }

        var gapStart = tokens.EndOf(token - 1);
        var gapEnd = tokens.StartOf(token);
        if (gapEnd == gapStart)
        {
            return false;
        }

        var previous = tokens.StartOf(token - 1);
        return tokens.Text.AsSpan(gapStart, gapEnd - gapStart).Contains('\n')
            || (gapStart - previous == 1 && tokens.Text[previous] is '.' or '!' or '?');
    }
}
