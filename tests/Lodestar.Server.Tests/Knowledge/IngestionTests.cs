using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Server.Tests.Knowledge;

public sealed class IngestionTests
{
    [Fact]
    public async Task Ingest_EverySupportedFormat_IsSearchableByItsOwnWords()
    {
        await using var fixture = new KnowledgeFixture();
        SampleDocuments.WriteAll(fixture.Documents.Path);

        var report = await fixture.IngestAsync();

        Assert.Equal((6, 0, 0, 0), (report.Added, report.Updated, report.Unchanged, report.Removed));
        Assert.Empty(report.Failed);
        foreach (var (file, word) in SampleDocuments.UniqueWordByFile)
        {
            var hits = await fixture.SearchAsync(word);
            Assert.True(hits.Count > 0 && hits[0].Source == file, $"'{word}' should find {file}");
        }
    }

    [Fact]
    public async Task Ingest_HtmlScriptsAndNavigation_AreNotIndexed()
    {
        await using var fixture = new KnowledgeFixture();
        SampleDocuments.WriteAll(fixture.Documents.Path);
        await fixture.IngestAsync();

        var hits = await fixture.SearchAsync("hidden");

        Assert.Empty(hits);
    }

    [Fact]
    public async Task Ingest_SecondRun_SkipsUnchangedReindexesChangedRemovesDeleted()
    {
        await using var fixture = new KnowledgeFixture();
        SampleDocuments.WriteAll(fixture.Documents.Path);
        await fixture.IngestAsync();
        File.WriteAllText(fixture.Documents.Combine("notes.txt"), "Field notes\n\nThe wombat burrow was found under the old tree.\n");
        File.Delete(fixture.Documents.Combine("page.html"));
        fixture.Documents.Write("new/extra.md", "# Extra\n\nThe narwhal tusk is a tooth.\n");

        var report = await fixture.IngestAsync();

        Assert.Equal((1, 1, 4, 1), (report.Added, report.Updated, report.Unchanged, report.Removed));
        Assert.Empty(await fixture.SearchAsync("quokka"));
        Assert.Empty(await fixture.SearchAsync("marmoset"));
        Assert.Equal("notes.txt", (await fixture.SearchAsync("wombat"))[0].Source);
        Assert.Equal("new/extra.md", (await fixture.SearchAsync("narwhal"))[0].Source);
        Assert.Equal(6, (await fixture.Get<IKnowledgeStore>().ListDocumentsAsync(KnowledgeFixture.Kb)).Count);
    }

    [Fact]
    public async Task Ingest_BadFiles_AreSkippedWithReasonsAndTheRestContinues()
    {
        await using var fixture = new KnowledgeFixture(options => options.MaxFileBytes = 2_000);
        fixture.Documents.Write("good.md", "# Good\n\nThe heron waits by the river.\n");
        File.WriteAllBytes(fixture.Documents.Combine("binary.txt"), [0x48, 0x00, 0x01, 0x02, 0xFF, 0x00]);
        File.WriteAllText(fixture.Documents.Combine("empty.md"), string.Empty);
        File.WriteAllText(fixture.Documents.Combine("huge.txt"), new string('a', 5_000));
        File.WriteAllText(fixture.Documents.Combine("broken.docx"), "this is not a zip archive");

        var report = await fixture.IngestAsync();

        Assert.Equal(1, report.Added);
        Assert.Equal(["binary.txt", "broken.docx", "empty.md", "huge.txt"], report.Failed.Select(f => f.Source).Order(StringComparer.Ordinal));
        Assert.All(report.Failed, failure => Assert.False(string.IsNullOrWhiteSpace(failure.Reason)));
        Assert.Single(await fixture.SearchAsync("heron"));
    }

    [Fact]
    public async Task Ingest_ChangedFileBecomesCorrupt_KeepsPreviousVersionSearchable()
    {
        await using var fixture = new KnowledgeFixture();
        SampleDocuments.WriteDocx(fixture.Documents.Combine("report.docx"), "Navigation", "The gyroscope keeps the robot level.");
        await fixture.IngestAsync();
        File.WriteAllText(fixture.Documents.Combine("report.docx"), "corrupted");

        var report = await fixture.IngestAsync();

        Assert.Single(report.Failed);
        Assert.Equal(0, report.Removed);
        Assert.Single(await fixture.SearchAsync("gyroscope"));
    }

    [Fact]
    public async Task Ingest_CancelledMidway_RerunCompletesWithoutDuplicates()
    {
        await using var fixture = new KnowledgeFixture();
        for (var i = 0; i < 40; i++)
        {
            fixture.Documents.Write($"doc{i:00}.md", $"# Doc {i}\n\nUnique token alpha{i} lives here.\n");
        }

        using var cancellation = new CancellationTokenSource();
        var progress = new CancelAfter(cancellation, files: 15);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fixture.Get<Lodestar.Knowledge.Sync.IngestionService>().IngestAsync(KnowledgeFixture.Kb, fixture.Documents.Path, Lodestar.Core.Principal.LocalAdministrator, progress, cancellation.Token));

        var report = await fixture.IngestAsync();

        Assert.Equal(40, report.Added + report.Unchanged);
        Assert.True(report.Unchanged >= 15);
        Assert.Equal(40, (await fixture.Get<IKnowledgeStore>().ListDocumentsAsync(KnowledgeFixture.Kb)).Count);
        for (var i = 0; i < 40; i += 7)
        {
            Assert.Single(await fixture.SearchAsync($"alpha{i}"));
        }
    }

    [Fact]
    public async Task Search_IndexFilesDeleted_RebuildsFromStore()
    {
        await using var fixture = new KnowledgeFixture();
        SampleDocuments.WriteAll(fixture.Documents.Path);
        await fixture.IngestAsync();
        await fixture.RestartAsync(() => Directory.Delete(Path.Combine(fixture.DataPath, "indexes"), recursive: true));

        var hits = await fixture.SearchAsync("zeppelin");

        Assert.Equal("guide.md", Assert.Single(hits).Source);
    }

    [Fact]
    public async Task Chunks_OffsetsPointAtTheirTextInTheParsedDocument()
    {
        await using var fixture = new KnowledgeFixture(options => options.ChunkMaxTokens = 40);
        var body = string.Join("\n\n", Enumerable.Range(0, 30).Select(i => $"Paragraph {i} talks about topic number {i} in some detail, with enough words to matter."));
        var path = fixture.Documents.Write("long.md", "# Long\n\n" + body + "\n");
        await fixture.IngestAsync();
        var store = fixture.Get<IKnowledgeStore>();
        var document = Assert.Single(await store.ListDocumentsAsync(KnowledgeFixture.Kb));

        var chunks = await store.GetDocumentChunksAsync(KnowledgeFixture.Kb, document.Id);

        var parsed = DocumentParsers.Default.Parse(new SourceFile(path, "long.md", new FileInfo(path).Length, DateTimeOffset.UtcNow));
        Assert.True(chunks.Count > 3);
        Assert.All(chunks, chunk => Assert.Equal(parsed.Text[chunk.StartOffset..chunk.EndOffset], chunk.Text));
    }

    private sealed class CancelAfter(CancellationTokenSource source, int files) : IProgress<Lodestar.Knowledge.Sync.IngestProgress>
    {
        public void Report(Lodestar.Knowledge.Sync.IngestProgress value)
        {
            if (value.FilesDone >= files)
            {
                source.Cancel();
            }
        }
    }
}
