using System.Text;

namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Accumulates a parsed document block by block: blocks are separated by a blank line, every block records
/// its offsets and the heading path in force, and headings maintain that path by level.
/// </summary>
internal sealed class DocumentBuilder(string contentType)
{
    private const string PathSeparator = " > ";
    private readonly StringBuilder _text = new();
    private readonly List<DocumentSection> _blocks = [];
    private readonly List<(int Level, string Text)> _headings = [];
    private string _headingPath = "";

    /// <summary>The first heading of any level.</summary>
    public string? FirstHeading { get; private set; }

    /// <summary>The first level-1 heading.</summary>
    public string? FirstTopHeading { get; private set; }

    public void Heading(int level, string text)
    {
        var trimmed = CollapseWhitespace(text);
        if (trimmed.Length == 0)
        {
            return;
        }

        while (_headings.Count > 0 && _headings[^1].Level >= level)
        {
            _headings.RemoveAt(_headings.Count - 1);
        }

        _headings.Add((level, trimmed));
        _headingPath = string.Join(PathSeparator, _headings.Select(static h => h.Text));
        FirstHeading ??= trimmed;
        if (level == 1)
        {
            FirstTopHeading ??= trimmed;
        }

        Append(trimmed, SectionKind.Heading);
    }

    public void Block(SectionKind kind, string text)
    {
        // Code keeps its indentation; everything else is trimmed so offsets start on content.
        var content = kind == SectionKind.Code ? text.TrimEnd().Trim('\n', '\r') : text.Trim();
        if (content.Length > 0)
        {
            Append(content.ReplaceLineEndings("\n"), kind);
        }
    }

    public ParsedDocument Build(string title) => new(title, _text.ToString(), _blocks, contentType);

    /// <summary>Collapses runs of whitespace (HTML and DOCX text) into single spaces.</summary>
    public static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private void Append(string content, SectionKind kind)
    {
        if (_text.Length > 0)
        {
            _text.Append("\n\n");
        }

        var start = _text.Length;
        _text.Append(content);
        _blocks.Add(new DocumentSection(_headingPath, start, _text.Length, kind));
    }
}
