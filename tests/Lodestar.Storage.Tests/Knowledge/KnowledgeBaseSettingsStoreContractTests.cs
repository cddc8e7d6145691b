using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Settings;

namespace Lodestar.Storage.Tests.Knowledge;

/// <summary>What every <see cref="IKnowledgeBaseSettingsStore"/> must do; each <see cref="CreateStore"/> call stands for another node.</summary>
public abstract class KnowledgeBaseSettingsStoreContractTests
{
    private static readonly KnowledgeBaseId Kb = new("acme", "handbook");

    private static readonly KnowledgeBaseSettings Full = new()
    {
        Analyzer = new AnalyzerSettings("none", "custom", ["foo", "bar"], Lowercase: false),
        Bm25 = new Bm25Settings(1.2f, 0.75f),
        Chunking = new ChunkingSettings(128, 16),
        Embedding = new EmbeddingProviderSettings(EmbeddingProviderSettings.OpenAI, new Uri("http://localhost:11434/v1/"), "nomic-embed-text", "OLLAMA_KEY", 768),
        Chat = new ChatProviderSettings(new Uri("https://llm.example/v1/"), "llama3", "LLM_KEY", 30, 1),
    };

    protected abstract IKnowledgeBaseSettingsStore CreateStore();

    [Fact]
    public async Task GetAsync_NeverSet_ReturnsNull()
    {
        Assert.Null(await CreateStore().GetAsync(Kb));
    }

    [Fact]
    public async Task SetAsync_AllSections_ReadBackEqualOnAnotherNode()
    {
        var saved = await CreateStore().SetAsync(Kb, Full, "alice");

        var read = await CreateStore().GetAsync(Kb);

        Assert.NotNull(read);
        Assert.Equal(1, saved.Version);
        Assert.Equal((1L, "alice"), (read.Version, read.UpdatedBy));
        Assert.Equal(Full.Analyzer, read.Settings.Analyzer);
        Assert.Equal((Full.Bm25, Full.Chunking, Full.Embedding, Full.Chat), (read.Settings.Bm25, read.Settings.Chunking, read.Settings.Embedding, read.Settings.Chat));
    }

    [Fact]
    public async Task SetAsync_Again_ReplacesAndCountsVersions()
    {
        var store = CreateStore();
        await store.SetAsync(Kb, Full, "alice");

        var second = await store.SetAsync(Kb, new KnowledgeBaseSettings { Bm25 = new Bm25Settings(0.9f, 0.4f) }, "bob");
        var read = await store.GetAsync(Kb);

        Assert.Equal(2, second.Version);
        Assert.Equal((2L, "bob"), (read!.Version, read.UpdatedBy));
        Assert.Null(read.Settings.Analyzer);
        Assert.Null(read.Settings.Embedding);
        Assert.Equal(new Bm25Settings(0.9f, 0.4f), read.Settings.Bm25);
    }

    [Fact]
    public async Task SetAsync_OtherKnowledgeBaseAndTenant_AreSeparate()
    {
        var store = CreateStore();
        await store.SetAsync(Kb, Full, "alice");

        Assert.Null(await store.GetAsync(new KnowledgeBaseId("acme", "other")));
        Assert.Null(await store.GetAsync(new KnowledgeBaseId("globex", "handbook")));
    }

    [Fact]
    public async Task SetAsync_ApiKeyReference_StoresTheVariableNameOnly()
    {
        await CreateStore().SetAsync(Kb, Full, "alice");

        var read = await CreateStore().GetAsync(Kb);

        Assert.Equal("OLLAMA_KEY", read!.Settings.Embedding!.ApiKeyEnv);
        Assert.DoesNotContain("sk-", read.Settings.ToJson(), StringComparison.Ordinal);
    }
}
