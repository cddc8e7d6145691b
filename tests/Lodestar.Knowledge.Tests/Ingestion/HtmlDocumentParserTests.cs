using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Tests.Ingestion;

public sealed class HtmlDocumentParserTests
{
    private const string Page = """
        <!doctype html>
        <html><head><title>VPN Setup &amp; Access</title><style>body { color: red }</style></head>
        <body>
          <header><a href="/">Home</a> Site banner</header>
          <nav><ul><li>Menu one</li><li>Menu two</li></ul></nav>
          <main>
            <h1>VPN setup</h1>
            <p>Install the <b>client</b> first.</p>
            <h2>Linux</h2>
            <ol><li>Run <code>apt install wireguard</code><ul><li>needs root</li></ul></li><li>Import the profile</li></ol>
            <pre>wg-quick up corp</pre>
            <table><tr><th>Region</th><th>Gateway</th></tr><tr><td>EU</td><td>vpn-eu.example</td></tr></table>
            <div>Loose text <em>inside</em> a div<p>and a paragraph</p></div>
            <script>trackVisitor();</script>
            <form><input name="q"> Search form</form>
          </main>
          <aside>Related links</aside>
          <footer>Copyright footer</footer>
        </body></html>
        """;

    private readonly HtmlDocumentParser _parser = new();

    [Fact]
    public void Parse_PageWithChrome_KeepsOnlyMainContent()
    {
        var document = Parsed.From(_parser, Page, "vpn.html");

        foreach (var chrome in new[] { "Site banner", "Menu one", "trackVisitor", "Search form", "Related links", "Copyright", "color: red" })
        {
            Assert.DoesNotContain(chrome, document.Text, StringComparison.Ordinal);
        }

        Assert.Equal("VPN Setup & Access", document.Title);
        Assert.Equal("text/html", document.ContentType);
    }

    [Fact]
    public void Parse_Structure_MapsToBlocksWithHeadingPath()
    {
        var document = Parsed.From(_parser, Page, "vpn.html");

        Assert.Equal("Install the client first.", document.TextOf(document.BlockContaining("Install the")));
        var step = document.BlockContaining("apt install");
        Assert.Equal("1. Run apt install wireguard", document.TextOf(step));
        Assert.Equal("VPN setup > Linux", step.HeadingPath);
        Assert.Equal("- needs root", document.TextOf(document.BlockContaining("needs root")));
        Assert.Equal("2. Import the profile", document.TextOf(document.BlockContaining("Import")));
        Assert.Equal(SectionKind.Code, document.BlockContaining("wg-quick").Kind);
        Assert.Equal("Region | Gateway\nEU | vpn-eu.example", document.TextOf(document.BlockContaining("Region")));
        Assert.Equal("Loose text inside a div", document.TextOf(document.BlockContaining("Loose")));
        Assert.Equal("and a paragraph", document.TextOf(document.BlockContaining("and a paragraph")));
    }

    [Fact]
    public void Parse_LineBreaksAndBlocksInsideCells_KeepWordsApart()
    {
        var document = Parsed.From(_parser, "<p>first<br>second</p><table><tr><td><p>a</p><p>b</p></td><td>c&nbsp;d</td></tr></table>", "t.html");

        Assert.Equal("first second\n\na b | c d", document.Text);
    }

    [Fact]
    public void Parse_NoTitleAndNoMain_UsesFirstHeadingAndBody()
    {
        var document = Parsed.From(_parser, "<body><nav>menu</nav><article><header><h1>Leave policy</h1></header><p>Thirty days.</p></article></body>", "leave.htm");

        Assert.Equal("Leave policy", document.Title);
        Assert.Equal("Leave policy\n\nThirty days.", document.Text);
    }
}
