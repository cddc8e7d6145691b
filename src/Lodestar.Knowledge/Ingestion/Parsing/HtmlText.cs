using System.Text;
using HtmlAgilityPack;

namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Readable text of HTML: entities decoded, whitespace collapsed, and a space at every block or line-break
/// boundary so that "&lt;td&gt;&lt;p&gt;a&lt;/p&gt;&lt;p&gt;b&lt;/p&gt;&lt;/td&gt;" reads "a b", not "ab".
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "body", "main", "article", "section", "div", "figure", "details", "dl", "center", "header", "footer", "hgroup",
        "p", "dt", "dd", "figcaption", "summary", "address", "caption",
        "ul", "ol", "li", "pre", "table", "tr", "td", "th", "blockquote", "hr", "br",
        "h1", "h2", "h3", "h4", "h5", "h6",
    };

    public static bool IsBlock(HtmlNode node) => node.NodeType == HtmlNodeType.Element && BlockElements.Contains(node.Name);

    public static string Of(string html)
    {
        var document = new HtmlDocument();
        document.LoadHtml(html);
        return Of(document.DocumentNode);
    }

    public static string Of(HtmlNode node) => Of([node]);

    public static string Of(IEnumerable<HtmlNode> nodes)
    {
        var text = new StringBuilder();
        foreach (var node in nodes)
        {
            Append(node, text);
        }

        return DocumentBuilder.CollapseWhitespace(HtmlEntity.DeEntitize(text.ToString()) ?? "");
    }

    private static void Append(HtmlNode node, StringBuilder text)
    {
        switch (node.NodeType)
        {
            case HtmlNodeType.Text:
                text.Append(((HtmlTextNode)node).Text);
                return;
            case HtmlNodeType.Comment:
                return;
        }

        foreach (var child in node.ChildNodes)
        {
            Append(child, text);
        }

        if (IsBlock(node))
        {
            text.Append(' ');
        }
    }
}
