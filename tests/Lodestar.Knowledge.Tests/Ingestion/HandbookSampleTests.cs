using Lodestar.Core;
using Lodestar.Testing;
using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Tests.Ingestion;

/// <summary>The whole ingestion path over samples/handbook: connector, parsers, chunker, ACLs.</summary>
public sealed class HandbookSampleTests
{
    private static readonly string Root = Path.Combine(SharedData.RepositoryRoot(), "samples", "handbook");

    [Fact]
    public void Enumerate_Handbook_FindsDocumentsButNotAclSidecars()
    {
        var paths = new FolderConnector().Enumerate(Root, new FolderConnectorOptions()).Select(f => f.RelativePath).ToList();

        Assert.InRange(paths.Count, 15, 25);
        Assert.Contains("security/vpn-setup.html", paths);
        Assert.Contains("hr/salaries.md", paths);
        Assert.DoesNotContain(paths, p => p.EndsWith(".json", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseAndSplit_EveryHandbookFile_YieldsTitledChunks()
    {
        var chunker = new StructuredChunker(new ChunkingOptions());
        foreach (var file in new FolderConnector().Enumerate(Root, new FolderConnectorOptions()))
        {
            var document = DocumentParsers.Default.Parse(file);
            var chunks = chunker.Split(document);

            Assert.False(string.IsNullOrWhiteSpace(document.Title), file.RelativePath);
            Assert.NotEmpty(chunks);
            Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 256));
        }
    }

    [Fact]
    public void Split_ApiKeysPage_RotationStepsCarryTheirHeadingPath()
    {
        var document = Parse("security/api-keys.md");

        var chunks = new StructuredChunker(new ChunkingOptions()).Split(document);

        var rotation = Assert.Single(chunks, c => c.Text.Contains("vault kv put", StringComparison.Ordinal));
        Assert.Equal("API Keys > How to rotate an API key", rotation.HeadingPath);
        Assert.Equal(document.Text[rotation.StartOffset..rotation.EndOffset], rotation.Text);
    }

    [Fact]
    public void Parse_VpnPage_DropsNavigationAndKeepsSteps()
    {
        var document = Parse("security/vpn-setup.html");

        Assert.Equal("VPN Setup | Northwind Robotics Handbook", document.Title);
        Assert.DoesNotContain("Internal use only", document.Text, StringComparison.Ordinal);
        Assert.Equal("VPN setup > Installing the client > Linux", document.BlockContaining("wireguard-tools").HeadingPath);
    }

    [Fact]
    public void Resolve_HandbookAcls_RestrictFinanceAndSalaries()
    {
        var finance = AccessControlResolver.Resolve(Root, "finance/vendor-payments.md");
        var salaries = AccessControlResolver.Resolve(Root, "hr/salaries.md");
        var leave = AccessControlResolver.Resolve(Root, "hr/leave-policy.md");

        Assert.Equal(["group:finance"], finance.Allow);
        Assert.Equal(["group:hr"], salaries.Allow);
        Assert.Equal(["user:mallory"], salaries.Deny);
        Assert.True(leave.IsOpen);
        Assert.False(salaries.Permits(new Principal("default", "mallory", ["hr"], [])));
    }

    private static ParsedDocument Parse(string relativePath) =>
        DocumentParsers.Default.Parse(new FolderConnector().Enumerate(Path.Combine(Root, relativePath), new FolderConnectorOptions()).Single());
}
