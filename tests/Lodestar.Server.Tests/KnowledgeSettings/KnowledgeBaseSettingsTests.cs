using System.Text.Json;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Settings;
using Lodestar.Knowledge.Sync;
using Lodestar.Server.Tests.Knowledge;
using Lodestar.Testing;

namespace Lodestar.Server.Tests.KnowledgeSettings;

/// <summary>Per-knowledge-base analyzer, BM25, chunking and chat settings applied through the real composition.</summary>
public sealed class KnowledgeBaseSettingsTests
{
    private const string Trail = "# Trail\n\nShe runs along the river every morning.\n";

    [Fact]
    public async Task Analyzer_StemmerOffAndCustomStopWords_RebuildsBm25BesideTheOldIndex()
    {
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("trail.md", Trail);
        await fixture.IngestAsync();
        var stemmed = await fixture.SearchAsync("running");

        await SetAsync(fixture, new KnowledgeBaseSettings { Analyzer = new AnalyzerSettings("none", "custom", ["river"]) });
        var pending = await fixture.Get<IngestionService>().StatusAsync(KnowledgeFixture.Kb);
        var inflected = await fixture.SearchAsync("running");
        var exact = await fixture.SearchAsync("runs");
        var stopped = await fixture.SearchAsync("river");
        var rebuilt = await fixture.Get<IngestionService>().StatusAsync(KnowledgeFixture.Kb);
        await fixture.RestartAsync(() => { });
        var reopened = await fixture.SearchAsync("runs");

        Assert.Single(stemmed);
        Assert.False(pending.LexicalCurrent);
        Assert.Equal(("porter/english/lowercase", "none/custom:1/lowercase"), (pending.LexicalAnalyzer, pending.ConfiguredAnalyzer));
        Assert.Empty(inflected);
        Assert.Single(exact);
        Assert.Empty(stopped);
        Assert.True(rebuilt.LexicalCurrent);
        Assert.Equal("none/custom:1/lowercase", rebuilt.LexicalAnalyzer);
        Assert.Single(reopened);
        var indexDirectory = Path.Combine(fixture.DataPath, "indexes", "default", "default");
        Assert.Single(Directory.GetDirectories(indexDirectory, "lexical*"));
    }

    [Fact]
    public async Task Bm25_NewK1AndB_ChangeScoresWithoutLosingDocuments()
    {
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("trail.md", Trail);
        fixture.Documents.Write("long.md", "# River\n\n" + string.Join(' ', Enumerable.Repeat("the river is long and the water flows", 20)) + "\n");
        await fixture.IngestAsync();
        var before = await fixture.SearchAsync("river");

        await SetAsync(fixture, new KnowledgeBaseSettings { Bm25 = new Bm25Settings(2.0f, 1.0f) });
        var after = await fixture.SearchAsync("river");

        Assert.Equal(2, before.Count);
        Assert.Equal(2, after.Count);
        Assert.NotEqual(before[0].Score, after[0].Score);
    }

    [Fact]
    public async Task Chunking_SmallerChunks_ApplyToDocumentsIngestedAfterwards()
    {
        await using var fixture = new KnowledgeFixture();
        var body = "# Long\n\n" + string.Join("\n\n", Enumerable.Range(0, 12).Select(i => $"Paragraph {i} talks about topic {i} with a few more words to fill the line nicely."));
        fixture.Documents.Write("long.md", body);
        await fixture.IngestAsync();
        var store = fixture.Get<IKnowledgeStore>();
        var id = (await store.ListDocumentsAsync(KnowledgeFixture.Kb)).Single().Id;
        var defaultChunks = (await store.GetDocumentChunksAsync(KnowledgeFixture.Kb, id)).Count;

        await SetAsync(fixture, new KnowledgeBaseSettings { Chunking = new ChunkingSettings(32, 0) });
        fixture.Documents.Write("long.md", body + "\n\nOne more paragraph.");
        await fixture.IngestAsync();
        var smallChunks = (await store.GetDocumentChunksAsync(KnowledgeFixture.Kb, id)).Count;

        Assert.Equal(1, defaultChunks);
        Assert.True(smallChunks > 3, $"expected several 32-token chunks, got {smallChunks}");
    }

    [Fact]
    public async Task Ask_KnowledgeBaseChatModel_AnswersThroughItInsteadOfTheExtractiveComposer()
    {
        var prompts = 0;
        await using var model = new ScriptedHttpServer(e =>
        {
            Interlocked.Increment(ref prompts);
            return e.ReplyAsync(200, JsonSerializer.Serialize(new
            {
                id = "c", model = "kb-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = "She runs by the river [1]." }, finish_reason = "stop" } },
            }));
        });
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("trail.md", Trail);
        await fixture.IngestAsync();
        var extractive = await fixture.AskAsync("Where does she run?");

        await SetAsync(fixture, new KnowledgeBaseSettings { Chat = new ChatProviderSettings(model.BaseUrl, "kb-model", TimeoutSeconds: 20, MaxRetries: 0) });
        var generated = await fixture.AskAsync("Where does she run?");

        Assert.NotEmpty(extractive.Text);
        Assert.NotEqual(extractive.Generator, generated.Generator);
        Assert.Equal("She runs by the river [1].", generated.Text);
        Assert.True(prompts >= 1);
    }

    private static Task SetAsync(KnowledgeFixture fixture, KnowledgeBaseSettings settings) =>
        fixture.Get<KnowledgeSettingsService>().SetAsync(KnowledgeFixture.Kb, settings, Principal.LocalAdministrator);
}
