using System.Text;
using HtmlAgilityPack;

namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// HTML via HtmlAgilityPack with main-content extraction: the first &lt;main&gt;, &lt;article&gt; or role=main
/// element (else &lt;body&gt;) is read, and page chrome (navigation, headers, footers, scripts, forms) is dropped
/// so that menus repeated on every page do not drown the content in search results.
/// </summary>
internal sealed class HtmlDocumentParser : IDocumentParser
{
    private static readonly HashSet<string> Chrome = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "svg", "iframe", "button",
    };

    private static readonly HashSet<string> MainContent = new(StringComparer.OrdinalIgnoreCase) { "main", "article" };

    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "dt", "dd", "figcaption", "summary", "address", "caption",
    };

    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm"];

    public ParsedDocument Parse(Stream content, string fileName)
    {
        var document = new HtmlDocument();
        document.LoadHtml(TextDecoder.Decode(content));
        var title = document.DocumentNode.SelectSingleNode("//title") is { } titleNode ? HtmlText.Of(titleNode) : "";

        foreach (var chrome in document.DocumentNode.Descendants().Where(IsChrome).ToList())
        {
            chrome.Remove();
        }

        var root = document.DocumentNode.SelectSingleNode("//main")
            ?? document.DocumentNode.SelectSingleNode("//article")
            ?? document.DocumentNode.SelectSingleNode("//*[@role='main']")
            ?? document.DocumentNode.SelectSingleNode("//body")
            ?? document.DocumentNode;

        var builder = new DocumentBuilder("text/html");
        VisitChildren(root, builder);
        if (title.Length == 0)
        {
            title = builder.FirstTopHeading ?? Path.GetFileNameWithoutExtension(fileName);
        }

        return builder.Build(title);
    }

    /// <summary>Walks mixed content: runs of text and inline elements between blocks become paragraphs.</summary>
    private static void VisitChildren(HtmlNode parent, DocumentBuilder builder)
    {
        var inline = new List<HtmlNode>();
        foreach (var child in parent.ChildNodes)
        {
            if (!HtmlText.IsBlock(child))
            {
                inline.Add(child);
                continue;
            }

            builder.Block(SectionKind.Paragraph, HtmlText.Of(inline));
            inline.Clear();
            VisitBlock(child, builder);
        }

        builder.Block(SectionKind.Paragraph, HtmlText.Of(inline));
    }

    private static void VisitBlock(HtmlNode node, DocumentBuilder builder)
    {
        var name = node.Name.ToLowerInvariant();
        if (name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6')
        {
            builder.Heading(name[1] - '0', HtmlText.Of(node));
        }
        else if (Paragraphs.Contains(name))
        {
            builder.Block(SectionKind.Paragraph, HtmlText.Of(node));
        }
        else if (name is "ul" or "ol")
        {
            VisitList(node, name == "ol", builder);
        }
        else if (name == "pre")
        {
            builder.Block(SectionKind.Code, HtmlEntity.DeEntitize(node.InnerText) ?? "");
        }
        else if (name == "table")
        {
            builder.Block(SectionKind.Table, TableText(node));
        }
        else if (name == "blockquote")
        {
            builder.Block(SectionKind.Quote, HtmlText.Of(node));
        }
        else
        {
            VisitChildren(node, builder);
        }
    }

    private static void VisitList(HtmlNode list, bool ordered, DocumentBuilder builder)
    {
        var number = 1;
        foreach (var item in list.ChildNodes.Where(static n => n.Name == "li"))
        {
            // Nested lists become items of their own, so the item's text is everything else.
            var nested = item.ChildNodes.Where(static n => n.Name is "ul" or "ol").ToList();
            var text = HtmlText.Of(item.ChildNodes.Except(nested));
            var marker = ordered ? $"{number++}. " : "- ";
            builder.Block(SectionKind.ListItem, marker + text);
            foreach (var sublist in nested)
            {
                VisitList(sublist, sublist.Name == "ol", builder);
            }
        }
    }

    private static string TableText(HtmlNode table)
    {
        var text = new StringBuilder();
        foreach (var row in table.Descendants("tr"))
        {
            var cells = row.ChildNodes.Where(static n => n.Name is "td" or "th").Select(HtmlText.Of);
            text.Append(string.Join(" | ", cells)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A page header or footer is chrome; an article's own header (its title, byline) is content.</summary>
    private static bool IsChrome(HtmlNode node) =>
        Chrome.Contains(node.Name)
        && (node.Name is not ("header" or "footer") || !node.Ancestors().Any(static a => MainContent.Contains(a.Name)));
}
