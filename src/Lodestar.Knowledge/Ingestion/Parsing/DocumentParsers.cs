using System.Buffers;

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
        var fileName = Path.GetFileName(file.FullPath);
        if (!TryGet(fileName, out _))
        {
            throw Unsupported(fileName);
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
            return Parse(stream, fileName);
        }
    }

    /// <summary>
    /// Parses content that does not come from disk (an upload, say) with the same checks; <paramref name="fileName"/>
    /// picks the parser. The size on the stream decides, not a length reported earlier: files change.
    /// </summary>
    public ParsedDocument Parse(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (!TryGet(fileName, out var parser))
        {
            throw Unsupported(fileName);
        }

        using var buffer = ReadBounded(content);
        if (buffer.Length == 0)
        {
            throw new DocumentParseException("empty file");
        }

        ParsedDocument document;
        try
        {
            document = parser.Parse(buffer, fileName);
        }
        catch (Exception ex) when (ex is not (DocumentParseException or OutOfMemoryException or OperationCanceledException))
        {
            throw new DocumentParseException($"cannot parse {fileName}: {ex.Message}");
        }

        // A page of nothing but scripts, or an empty JSON object, would silently index as nothing.
        return string.IsNullOrWhiteSpace(document.Text) ? throw new DocumentParseException("no readable text") : document;
    }

    private MemoryStream ReadBounded(Stream content)
    {
        if (content.CanSeek && content.Length - content.Position > _maxFileBytes)
        {
            throw new DocumentParseException($"file is {content.Length - content.Position} bytes, over the {_maxFileBytes}-byte limit");
        }

        var buffer = new MemoryStream();
        var block = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = content.Read(block)) > 0)
            {
                if (buffer.Length + read > _maxFileBytes)
                {
                    throw new DocumentParseException($"file is over the {_maxFileBytes}-byte limit");
                }

                buffer.Write(block, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static DocumentParseException Unsupported(string fileName) => new($"unsupported file type '{Path.GetExtension(fileName)}'");
}
