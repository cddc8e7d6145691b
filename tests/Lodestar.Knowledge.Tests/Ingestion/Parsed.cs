using System.Text;
using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Tests.Ingestion;

/// <summary>Shortcuts for parser tests: parse a string, read a block's text.</summary>
internal static class Parsed
{
    public static ParsedDocument From(IDocumentParser parser, string content, string fileName) =>
        parser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(content)), fileName);

    public static string TextOf(this ParsedDocument document, DocumentSection block) =>
        document.Text[block.StartOffset..block.EndOffset];

    public static DocumentSection BlockContaining(this ParsedDocument document, string fragment) =>
        document.Blocks.First(b => document.TextOf(b).Contains(fragment, StringComparison.Ordinal));
}
