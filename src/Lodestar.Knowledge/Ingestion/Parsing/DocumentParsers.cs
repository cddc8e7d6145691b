namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Picks the parser for a file by extension and applies the checks every format shares: size limit, empty file,
/// binary content, no readable text. Every failure surfaces as <see cref="DocumentParseException"/> with a reason, so a pipeline can
/// skip one bad document and carry on.
/// </summary>
public sealed class DocumentParsers
{
    public const long DefaultMaxFileBytes = 50 * 1024 * 1024;

    private readonly Dictionary<string, IDocumentParser> _byExtension = new(StringComparer.OrdinalIgnoreCase);
    private readonly long _maxFileBytes;

    /// <summary>Registers <paramref name="parsers"/>; a later parser overrides an earlier one for the same extension.</summary>
    public DocumentParsers(IEnumerable<IDocumentParser> parsers, long maxFileBytes = DefaultMaxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(parsers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFileBytes);
        _maxFileBytes = maxFileBytes;
        foreach (var parser in parsers)
        {
            foreach (var extension in parser.Extensions)
            {
                _byExtension[extension] = parser;
            }
        }
    }

    /// <summary>Markdown, plain text, HTML, DOCX, JSON and CSV.</summary>
    public static DocumentParsers Default { get; } = new(
    [
        new MarkdownDocumentParser(),
        new PlainTextDocumentParser(),
        new HtmlDocumentParser(),
        new DocxDocumentParser(),
        new JsonDocumentParser(),
        new CsvDocumentParser(),
    ]);

    /// <summary>Extensions (with the dot) that some parser handles.</summary>
    public IReadOnlyCollection<string> Extensions => _byExtension.Keys;

    public bool TryGet(string fileName, out IDocumentParser parser)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return _byExtension.TryGetValue(Path.GetExtension(fileName), out parser!);
    }

    public ParsedDocument Parse(SourceFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!TryGet(file.FullPath, out var parser))
        {
            throw new DocumentParseException($"unsupported file type '{Path.GetExtension(file.FullPath)}'");
        }

        FileStream stream;
        try
        {
            stream = File.OpenRead(file.FullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DocumentParseException("cannot read file: " + ex.Message);
        }

        using (stream)
        {
            // The length on disk decides, not the enumerated one: the file may have changed since.
            if (stream.Length == 0)
            {
                throw new DocumentParseException("empty file");
            }

            if (stream.Length > _maxFileBytes)
            {
                throw new DocumentParseException($"file is {stream.Length} bytes, over the {_maxFileBytes}-byte limit");
            }

            return Parse(parser, stream, Path.GetFileName(file.FullPath));
        }
    }

    private static ParsedDocument Parse(IDocumentParser parser, Stream stream, string fileName)
    {
        ParsedDocument document;
        try
        {
            document = parser.Parse(stream, fileName);
        }
        catch (Exception ex) when (ex is not (DocumentParseException or OutOfMemoryException or OperationCanceledException))
        {
            throw new DocumentParseException($"cannot parse {fileName}: {ex.Message}");
        }

        // A page of nothing but scripts, or an empty JSON object, would silently index as nothing.
        return string.IsNullOrWhiteSpace(document.Text) ? throw new DocumentParseException("no readable text") : document;
    }
}
