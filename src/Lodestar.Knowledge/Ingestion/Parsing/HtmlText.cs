using HtmlAgilityPack;

namespace Lodestar.Knowledge.Ingestion;

/// <summary>Readable text of an HTML fragment or node: entities decoded, whitespace collapsed.</summary>
internal static class HtmlText
{
    public static string Of(string html)
    {
        var document = new HtmlDocument();
        document.LoadHtml(html);
        return Of(document.DocumentNode);
    }

    public static string Of(HtmlNode node) => DocumentBuilder.CollapseWhitespace(HtmlEntity.DeEntitize(node.InnerText) ?? "");
}
