namespace Lodestar.Knowledge.Ingestion;

/// <summary>Turns one file format into a <see cref="ParsedDocument"/>.</summary>
public interface IDocumentParser
{
    /// <summary>Lower-case file extensions with the dot, e.g. ".md".</summary>
    IReadOnlyCollection<string> Extensions { get; }

    /// <summary>Parses <paramref name="content"/>; throws <see cref="DocumentParseException"/> for corrupt or non-text input.</summary>
    ParsedDocument Parse(Stream content, string fileName);
}
