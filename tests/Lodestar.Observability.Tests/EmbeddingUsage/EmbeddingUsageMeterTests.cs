using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Indexes;
using Lodestar.Knowledge.Search;
using Lodestar.Knowledge.Sync;
using Lodestar.Models.Providers;
using Lodestar.Observability.Costs;
using Lodestar.Observability.Tests.Support;
using Lodestar.Server.Composition;
using Lodestar.Server.Observability;
using Lodestar.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Observability.Tests.EmbeddingUsage;

/// <summary>Embedding calls land in the usage rollup per tenant, knowledge base and model, priced from the price table.</summary>
public sealed class EmbeddingUsageMeterTests
{
    [Fact]
    public async Task IngestThenDenseSearch_LocalEncoder_RecordsInputsAndWordsPerKnowledgeBase()
    {
        using var data = new TemporaryDirectory();
        using var documents = new TemporaryDirectory();
        documents.Write("heron.md", "# Heron\n\nThe heron nests by the north pond.\n");
        documents.Write("owl.md", "# Owl\n\nThe owl hunts at night in the old barn.\n");
        File.WriteAllText(Path.Combine(data.Path, PriceTable.FileName), """{"models":{"HashedBagOfWordsGenerator":{"inputPer1k":0,"outputPer1k":0,"perEmbedding":0.001}}}""");
        var services = new ServiceCollection().AddLodestar(new LodestarHostOptions { DataDirectory = data.Path, Embeddings = EmbeddingSource.None });
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => new EmbeddingUsageMeter(
            new HashedBagOfWordsGenerator(), sp.GetRequiredService<BudgetGuard>(), sp.GetRequiredService<PriceTable>(), TimeProvider.System));
        await using var provider = services.BuildServiceProvider();
        var birds = new KnowledgeBaseId(Principal.DefaultTenant, "birds");

        await provider.GetRequiredService<IngestionService>().IngestAsync(birds, documents.Path, Principal.LocalAdministrator);
        await provider.GetRequiredService<KnowledgeSearcher>().SearchAsync(new SearchRequest(birds, "where does the heron nest", Principal.LocalAdministrator, SearchMode.Dense, 3, false));

        var usage = provider.GetRequiredService<IUsageStore>();
        var byKnowledgeBase = Assert.Single(await usage.ReadTotalsAsync(Principal.DefaultTenant, DateTimeOffset.UnixEpoch, UsageGrouping.KnowledgeBase));
        Assert.Equal("birds", byKnowledgeBase.Group);
        Assert.True(byKnowledgeBase.Embeddings >= 3, $"two documents and one query, got {byKnowledgeBase.Embeddings} embeddings");
        Assert.Equal(byKnowledgeBase.Embeddings * 0.001m, byKnowledgeBase.Cost);
        var byUser = await usage.ReadTotalsAsync(Principal.DefaultTenant, DateTimeOffset.UnixEpoch, UsageGrouping.User);
        var query = Assert.Single(byUser, total => total.Group == EmbeddingUsageMeter.QueryUser);
        Assert.Equal(1, query.Embeddings);
        Assert.Equal(5, query.InputTokens);
        Assert.Contains(byUser, total => total.Group == EmbeddingUsageMeter.IndexUser && total.InputTokens >= 16);
        Assert.Equal("HashedBagOfWordsGenerator", Assert.Single(await usage.ReadTotalsAsync(Principal.DefaultTenant, DateTimeOffset.UnixEpoch, UsageGrouping.Model)).Group);
    }

    [Fact]
    public async Task GenerateAsync_OpenAICompatibleReportsUsage_ChargesItsTokens()
    {
        await using var server = new ScriptedHttpServer(e => e.ReplyAsync(200,
            """{"model":"emb-large","data":[{"index":0,"embedding":[1,0]},{"index":1,"embedding":[0,1]}],"usage":{"prompt_tokens":42,"total_tokens":42}}"""));
        using var http = new HttpClient();
        using var services = new ObservabilityServices();
        var prices = new PriceTable("USD", new Dictionary<string, ModelPrice> { ["emb-large"] = new(0.1m, 0m, 0.5m) });
        using var meter = new EmbeddingUsageMeter(new OpenAICompatibleEmbeddingGenerator(http, new OpenAICompatibleOptions(server.BaseUrl, null, "emb-large", TimeSpan.FromSeconds(5), 0)),
            services.Get<BudgetGuard>(), prices, TimeProvider.System);

        await meter.GenerateAsync(["first text", "second"], EmbeddingAttribution.For(new KnowledgeBaseId("acme", "docs"), EmbeddingAttribution.Ingest));

        var total = Assert.Single(await services.Get<IUsageStore>().ReadTotalsAsync("acme", DateTimeOffset.UnixEpoch, UsageGrouping.Model));
        Assert.Equal(("emb-large", 42L, 2L), (total.Group, total.InputTokens, total.Embeddings));
        Assert.Equal((42m * 0.1m / 1000m) + (2 * 0.5m), total.Cost);
    }

    [Fact]
    public async Task GenerateAsync_WithoutAttribution_RecordsNothing()
    {
        using var services = new ObservabilityServices();
        using var meter = new EmbeddingUsageMeter(new HashedBagOfWordsGenerator(), services.Get<BudgetGuard>(), PriceTable.Empty, TimeProvider.System);

        var embeddings = await meter.GenerateAsync(["unattributed"]);

        Assert.Single(embeddings);
        Assert.Empty(await services.Get<IUsageStore>().ReadTotalsAsync(Principal.DefaultTenant, DateTimeOffset.UnixEpoch, UsageGrouping.Model));
    }

    [Theory]
    [InlineData(new string[0], 0)]
    [InlineData(new[] { "" , "   " }, 0)]
    [InlineData(new[] { "one", " two  words\tthen\nthree " }, 5)]
    public void CountWords_CountsWhitespaceSeparatedWords(string[] inputs, long words) =>
        Assert.Equal(words, EmbeddingUsageMeter.CountWords(inputs));
}
