using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Tests.Ingestion;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("**/*", "a.md", true)]
    [InlineData("**/*", "x/y/a.md", true)]
    [InlineData("**/*.md", "docs/guide/a.md", true)]
    [InlineData("**/*.md", "a.md", true)]
    [InlineData("docs/*.md", "docs/a.md", true)]
    [InlineData("docs/*.md", "docs/sub/a.md", false)]
    [InlineData("docs/**/a.md", "docs/a.md", true)]
    [InlineData("docs/**/a.md", "docs/x/y/a.md", true)]
    [InlineData("docs/?.md", "docs/b.md", true)]
    [InlineData("docs/?.md", "docs/bb.md", false)]
    [InlineData("*.acl.json", "hr/salaries.md.acl.json", true)]
    [InlineData("*.md", "notes/readme.md", true)]
    [InlineData("*.md", "notes/readme.mdx", false)]
    [InlineData("**/.git/**", ".git/config", true)]
    [InlineData("**/.git/**", "a/.git/objects/x", true)]
    [InlineData("**/.git/**", "a/git/x", false)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    public void IsMatch_PatternAndPath_MatchesGlobSemantics(string pattern, string path, bool expected)
    {
        var glob = new GlobPattern(pattern);

        var matched = glob.IsMatch(path);

        Assert.Equal(expected, matched);
    }

    [Fact]
    public void DirectoryPrefix_TrailingDoubleStar_MatchesTheFolderItself()
    {
        var prefix = new GlobPattern("**/node_modules/**").DirectoryPrefix;

        Assert.NotNull(prefix);
        Assert.True(prefix.IsMatch("web/node_modules"));
        Assert.False(prefix.IsMatch("web/src"));
    }

    [Fact]
    public void Constructor_EmptyPattern_Throws()
    {
        Assert.Throws<Core.LodestarException>(() => new GlobPattern(" "));
    }
}
