using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Tests.Ingestion;

public sealed class MarkdownDocumentParserTests
{
    private const string Guide = """
        ---
        owner: platform
        ---
        # Guide

        Intro with **bold** and `code` and a [link](https://example.com).

        ## Install

        ### Linux

        1. Download the package.
        2. Run the installer:

        ```bash
        sudo ./install.sh --prefix /opt/app
        ```

        - nested parent
          - nested child

        | Setting | Default |
        |---------|---------|
        | timeout | 30 s    |

        > Note: restart afterwards.

        ## Usage

        Plain paragraph.
        """;

    private readonly MarkdownDocumentParser _parser = new();

    [Fact]
    public void Parse_Headings_BuildHeadingPathAndTitle()
    {
        var document = Parsed.From(_parser, Guide, "guide.md");

        Assert.Equal("Guide", document.Title);
        Assert.Equal("text/markdown", document.ContentType);
        Assert.Equal("Guide > Install > Linux", document.BlockContaining("Download").HeadingPath);
        Assert.Equal("Guide > Usage", document.BlockContaining("Plain paragraph").HeadingPath);
        var linux = document.BlockContaining("Linux");
        Assert.Equal(SectionKind.Heading, linux.Kind);
        Assert.Equal("Guide > Install > Linux", linux.HeadingPath);
    }

    [Fact]
    public void Parse_Blocks_KeepReadableContentWithKinds()
    {
        var document = Parsed.From(_parser, Guide, "guide.md");

        Assert.Equal("Intro with bold and code and a link.", document.TextOf(document.BlockContaining("Intro")));
        Assert.Equal("1. Download the package.", document.TextOf(document.BlockContaining("Download")));
        Assert.Equal("2. Run the installer:", document.TextOf(document.BlockContaining("installer")));
        var code = document.BlockContaining("install.sh");
        Assert.Equal(SectionKind.Code, code.Kind);
        Assert.Equal("sudo ./install.sh --prefix /opt/app", document.TextOf(code));
        var table = document.BlockContaining("timeout");
        Assert.Equal(SectionKind.Table, table.Kind);
        Assert.Equal("Setting | Default\ntimeout | 30 s", document.TextOf(table));
        Assert.Equal(SectionKind.Quote, document.BlockContaining("restart").Kind);
        Assert.Equal(SectionKind.ListItem, document.BlockContaining("nested child").Kind);
        Assert.DoesNotContain("owner: platform", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InlineHtmlAndEntities_KeepReadableText()
    {
        var document = Parsed.From(_parser, "Line one<br>line two &amp; <span>three</span>\n\n<div>Block <b>html</b></div>", "x.md");

        Assert.Equal("Line one\nline two & three\n\nBlock html", document.Text);
    }

    [Fact]
    public void Parse_NoLevelOneHeading_TitleIsFileName()
    {
        var document = Parsed.From(_parser, "## Fixes\n\nJust text.\n\nMore text.", "release-notes.md");

        Assert.Equal("release-notes", document.Title);
        Assert.Equal(3, document.Blocks.Count);
    }
}
