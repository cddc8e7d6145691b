using Lodestar.Core;
using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Tests.Ingestion;

public sealed class AccessControlResolverTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Resolve_NoAclAnywhere_ReturnsOpen()
    {
        _folder.Write("docs/guide.md", "x");

        Assert.Same(AccessControlList.Open, AccessControlResolver.Resolve(_folder.Root, "docs/guide.md"));
    }

    [Fact]
    public void Resolve_FolderAcl_AppliesToEverythingBelow()
    {
        _folder.Write("finance/_acl.json", """{"allow":["group:finance"]}""");

        var acl = AccessControlResolver.Resolve(_folder.Root, "finance/reports/2026/q1.md");

        Assert.Equal(["group:finance"], acl.Allow);
        Assert.Empty(acl.Deny);
    }

    [Fact]
    public void Resolve_NearerFolderAcl_OverridesOuterOne()
    {
        _folder.Write("_acl.json", """{"allow":["group:staff"]}""");
        _folder.Write("finance/_acl.json", """{"allow":["group:finance"],"deny":["user:eve"]}""");

        var inner = AccessControlResolver.Resolve(_folder.Root, "finance/budget.md");
        var outer = AccessControlResolver.Resolve(_folder.Root, "hr/leave.md");

        Assert.Equal(new AccessControlList(["group:finance"], ["user:eve"]).ToKey(), inner.ToKey());
        Assert.Equal(["group:staff"], outer.Allow);
    }

    [Fact]
    public void Resolve_FileSidecar_WinsOverFolderAclAndDenyApplies()
    {
        _folder.Write("hr/_acl.json", """{"allow":["group:staff"]}""");
        _folder.Write("hr/salaries.md.acl.json", """{"allow":["group:hr"],"deny":["user:mallory"]}""");

        var acl = AccessControlResolver.Resolve(_folder.Root, "hr/salaries.md");

        Assert.Equal(["group:hr"], acl.Allow);
        Assert.False(acl.Permits(new Principal("default", "mallory", ["hr"], [])));
        Assert.True(acl.Permits(new Principal("default", "hanna", ["hr"], [])));
        Assert.False(acl.Permits(new Principal("default", "sam", ["staff"], [])));
    }

    [Fact]
    public void Resolve_EmptyObjectSidecar_ReopensDocumentUnderRestrictedFolder()
    {
        _folder.Write("finance/_acl.json", """{"allow":["group:finance"]}""");
        _folder.Write("finance/public-rates.md.acl.json", "{}");

        Assert.True(AccessControlResolver.Resolve(_folder.Root, "finance/public-rates.md").IsOpen);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"allow\": [\"group:finance\"")]
    [InlineData("[\"group:finance\"]")]
    [InlineData("{\"alow\": [\"group:finance\"]}")]
    [InlineData("{\"allow\": \"group:finance\"}")]
    [InlineData("{\"allow\": [\"finance\"]}")]
    [InlineData("{\"allow\": [\"role:admin\"]}")]
    [InlineData("{\"deny\": [\"user:\"]}")]
    [InlineData("{\"deny\": [\"user:bob smith\"]}")]
    [InlineData("{\"allow\": [42]}")]
    public void Resolve_MalformedAcl_FailsClosedWithReason(string content)
    {
        _folder.Write("finance/_acl.json", content);

        var error = Assert.Throws<DocumentParseException>(() => AccessControlResolver.Resolve(_folder.Root, "finance/budget.md"));

        Assert.StartsWith("invalid ACL file finance/_acl.json: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.md")]
    [InlineData("a/../../x.md")]
    [InlineData("/")]
    public void Resolve_PathEscapingRoot_ThrowsInvalid(string relativePath)
    {
        var error = Assert.Throws<LodestarException>(() => AccessControlResolver.Resolve(_folder.Root, relativePath));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }
}
