using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Markdown via Markdig: headings drive the heading path, lists become one block per item (numbered items keep
/// their number, since "step 3" is often what a reader asks about), tables become "a | b" rows, code stays verbatim.
/// </summary>
internal sealed class MarkdownDocumentParser : IDocumentParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseYamlFrontMatter()
        .Build();

    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    public ParsedDocument Parse(Stream content, string fileName)
    {
        var markdown = TextDecoder.Decode(content);
        var builder = new DocumentBuilder("text/markdown");
        foreach (var block in Markdown.Parse(markdown, Pipeline))
        {
            Visit(block, builder);
        }

        return builder.Build(builder.FirstTopHeading ?? Path.GetFileNameWithoutExtension(fileName));
    }

    private static void Visit(Block block, DocumentBuilder builder)
    {
        switch (block)
        {
            case HeadingBlock heading:
                builder.Heading(heading.Level, InlineText(heading.Inline));
                break;
            case ParagraphBlock paragraph:
                builder.Block(SectionKind.Paragraph, InlineText(paragraph.Inline));
                break;
            case Markdig.Extensions.Yaml.YamlFrontMatterBlock:
                break;
            case CodeBlock code:
                builder.Block(SectionKind.Code, code.Lines.ToString());
                break;
            case HtmlBlock html:
                builder.Block(SectionKind.Paragraph, HtmlText.Of(html.Lines.ToString()));
                break;
            case ListBlock list:
                VisitList(list, builder);
                break;
            case Table table:
                builder.Block(SectionKind.Table, TableText(table));
                break;
            case QuoteBlock quote:
                builder.Block(SectionKind.Quote, LeafText(quote));
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Visit(child, builder);
                }

                break;
        }
    }

    private static void VisitList(ListBlock list, DocumentBuilder builder)
    {
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}. " : "- ";
            var paragraphs = item.OfType<ParagraphBlock>().Select(static p => InlineText(p.Inline));
            builder.Block(SectionKind.ListItem, marker + string.Join('\n', paragraphs));
            var nested = item.Where(static child => child is not ParagraphBlock);
            foreach (var child in nested)
            {
                Visit(child, builder);
            }
        }
    }

    private static string TableText(Table table)
    {
        var text = new StringBuilder();
        foreach (var row in table.OfType<TableRow>())
        {
            var cells = row.OfType<TableCell>().Select(LeafText);
            text.AppendLine(string.Join(" | ", cells));
        }

        return text.ToString();
    }

    /// <summary>All text under a container, one line per leaf block (quotes, table cells).</summary>
    private static string LeafText(ContainerBlock container)
    {
        var lines = container.Descendants<LeafBlock>()
            .Select(static leaf => leaf.Inline is null ? leaf.Lines.ToString() : InlineText(leaf.Inline));
        return string.Join('\n', lines).Trim();
    }

    private static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        AppendInline(inline, text);
        return text.ToString();
    }

    private static void AppendInline(Inline? inline, StringBuilder text)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.AsSpan());
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case LineBreakInline lineBreak:
                text.Append(lineBreak.IsHard ? '\n' : ' ');
                break;
            case HtmlInline html when html.Tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase):
                text.Append('\n');
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    AppendInline(child, text);
                }

                break;
        }
    }
}
