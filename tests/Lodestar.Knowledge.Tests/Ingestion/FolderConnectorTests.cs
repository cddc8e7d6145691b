using Lodestar.Core;
using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Knowledge.Tests.Ingestion;

public sealed class FolderConnectorTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FolderConnector _connector = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Enumerate_Tree_ReturnsFilesInOrdinalOrderOfRelativePath()
    {
        _folder.Write("b.md", "b");
        _folder.Write("a/x.md", "x");
        _folder.Write("a-b.md", "ab");
        _folder.Write("a/sub/z.txt", "z");

        var paths = Paths(new FolderConnectorOptions());

        Assert.Equal(["a-b.md", "a/sub/z.txt", "a/x.md", "b.md"], paths);
    }

    [Fact]
    public void Enumerate_DefaultOptions_SkipsToolingHiddenAndAclFiles()
    {
        _folder.Write("doc.md", "keep");
        _folder.Write(".git/config", "x");
        _folder.Write("web/node_modules/pkg/readme.md", "x");
        _folder.Write("src/bin/Debug/out.txt", "x");
        _folder.Write("src/obj/project.assets.json", "{}");
        _folder.Write(".hidden.md", "x");
        _folder.Write("notes/.cache/page.md", "x");
        _folder.Write("doc.md.acl.json", "{}");
        _folder.Write("hr/_acl.json", "{}");
        _folder.Write("hr/leave.md", "keep");

        var paths = Paths(new FolderConnectorOptions());

        Assert.Equal(["doc.md", "hr/leave.md"], paths);
    }

    [Fact]
    public void Enumerate_IncludeAndExcludeGlobs_Filter()
    {
        _folder.Write("docs/a.md", "a");
        _folder.Write("docs/b.txt", "b");
        _folder.Write("docs/drafts/c.md", "c");
        _folder.Write("other/d.md", "d");
        var options = new FolderConnectorOptions { Include = ["docs/**/*.md"], Exclude = ["docs/drafts/**"] };

        var paths = Paths(options);

        Assert.Equal(["docs/a.md"], paths);
    }

    [Fact]
    public void Enumerate_SingleFile_ReturnsItWithFileNameAsRelativePath()
    {
        var path = _folder.Write("deep/dir/guide.md", "# Guide");

        var file = Assert.Single(_connector.Enumerate(path, new FolderConnectorOptions()));

        Assert.Equal("guide.md", file.RelativePath);
        Assert.Equal(path, file.FullPath);
        Assert.Equal(7, file.Length);
    }

    [Fact]
    public void Enumerate_FileOverLimit_IsSkippedWithReason()
    {
        _folder.Write("small.txt", "ok");
        _folder.Write("huge.log", new byte[2048]);
        var skipped = new List<SkippedSource>();

        var paths = Paths(new FolderConnectorOptions { MaxFileBytes = 1024 }, skipped);

        Assert.Equal(["small.txt"], paths);
        var skip = Assert.Single(skipped);
        Assert.Equal("huge.log", skip.RelativePath);
        Assert.Contains("limit", skip.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Enumerate_DirectorySymlinkLoop_VisitsEachDirectoryOnceAndReportsLoop()
    {
        _folder.Write("a/doc.md", "x");
        Directory.CreateSymbolicLink(_folder.PathOf("a/back"), _folder.Root);
        var skipped = new List<SkippedSource>();

        var paths = Paths(new FolderConnectorOptions(), skipped);

        Assert.Equal(["a/doc.md"], paths);
        var skip = Assert.Single(skipped);
        Assert.Equal("a/back", skip.RelativePath);
        Assert.Contains("loop", skip.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Enumerate_SymlinkToOutsideDirectory_IsFollowed()
    {
        using var outside = new TempFolder();
        outside.Write("shared/policy.md", "p");
        Directory.CreateSymbolicLink(_folder.PathOf("linked"), outside.PathOf("shared"));

        var paths = Paths(new FolderConnectorOptions());

        Assert.Equal(["linked/policy.md"], paths);
    }

    [Fact]
    public void Enumerate_BrokenFileSymlink_IsSkippedWithReason()
    {
        File.CreateSymbolicLink(_folder.PathOf("gone.md"), _folder.PathOf("missing.md"));
        var skipped = new List<SkippedSource>();

        var files = _connector.Enumerate(_folder.Root, new FolderConnectorOptions(), skipped).ToList();

        Assert.Empty(files);
        Assert.Equal(new SkippedSource("gone.md", "broken symbolic link"), Assert.Single(skipped));
    }

    [Fact]
    public void Enumerate_FileSymlink_ReportsTargetLength()
    {
        _folder.Write("real/target.md", "twelve bytes");
        File.CreateSymbolicLink(_folder.PathOf("alias.md"), _folder.PathOf("real/target.md"));

        var alias = _connector.Enumerate(_folder.Root, new FolderConnectorOptions()).First(f => f.RelativePath == "alias.md");

        Assert.Equal(12, alias.Length);
    }

    [Fact]
    public void Enumerate_MissingPath_ThrowsNotFound()
    {
        var error = Assert.Throws<LodestarException>(() => _connector.Enumerate(_folder.PathOf("nope"), new FolderConnectorOptions()));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    private List<string> Paths(FolderConnectorOptions options, ICollection<SkippedSource>? skipped = null) =>
        [.. _connector.Enumerate(_folder.Root, options, skipped ?? []).Select(f => f.RelativePath)];
}
