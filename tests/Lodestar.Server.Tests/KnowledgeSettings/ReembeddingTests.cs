using System.Text.Json;
using Lodestar.Core;
using Lodestar.Core.Jobs;
using Lodestar.Knowledge.Indexes;
using Lodestar.Knowledge.Search;
using Lodestar.Knowledge.Settings;
using Lodestar.Knowledge.Sync;
using Lodestar.Server.Tests.Knowledge;
using Lodestar.Testing;

namespace Lodestar.Server.Tests.KnowledgeSettings;

/// <summary>
/// Two real, different embedding models: the host's (hashed bag of words, 64-d) and an OpenAI-compatible endpoint on
/// loopback serving a 32-d hashed model, which the test can hold back to observe search while the new vectors build.
/// </summary>
public sealed class ReembeddingTests : IAsyncDisposable
{
    private const string NewModel = "bow-32";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly HashedBagOfWordsGenerator _remoteModel = new(32);
    private readonly KnowledgeFixture _fixture = new(embedder: new HashedBagOfWordsGenerator(64));
    private readonly ScriptedHttpServer _endpoint;
    private TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _embeddingRequests;

    public ReembeddingTests() => _endpoint = new ScriptedHttpServer(ServeEmbeddingsAsync);

    [Fact]
    public async Task Reembed_WhileBuilding_SearchServesOldVectors_ThenSwitchesAndDeletesThem()
    {
        await IngestAsync();
        var jobId = await ChangeModelAsync();

        var build = _fixture.Get<KnowledgeIndexSync>().ReembedAsync(KnowledgeFixture.Kb);
        await Eventually.WaitForAsync(() => Task.FromResult(Volatile.Read(ref _embeddingRequests)), requests => requests > 0, "the build to start", Patience);
        // The endpoint is held back: a query embedded with the new model would hang, so an answer proves the old generation served it.
        var during = await DenseAsync("rotate api keys").WaitAsync(Patience);
        var building = await StatusAsync();
        _open.SetResult();
        Assert.Contains("re-embedded", await build.WaitAsync(Patience), StringComparison.Ordinal);
        var requestsBeforeQuery = Volatile.Read(ref _embeddingRequests);
        var after = await DenseAsync("rotate api keys");
        var done = await StatusAsync();

        Assert.NotNull(jobId);
        Assert.Equal("keys.md", Path.GetFileName(during[0].Source));
        Assert.Equal((nameof(HashedBagOfWordsGenerator), NewModel, 64), (building.EmbeddingModel, building.ConfiguredEmbeddingModel, building.VectorDimensions));
        Assert.True(building.Reembedding is { Model: NewModel, Running: true });
        Assert.False(building.VectorsCurrent);
        Assert.Equal("keys.md", Path.GetFileName(after[0].Source));
        Assert.Equal(requestsBeforeQuery + 1, Volatile.Read(ref _embeddingRequests));
        Assert.Equal((NewModel, 32, true), (done.EmbeddingModel, done.VectorDimensions, done.VectorsCurrent));
        Assert.Null(done.Reembedding);
        Assert.Single(Directory.GetDirectories(IndexDirectory, "vectors-*"));
    }

    [Fact]
    public async Task Reembed_NodeStopsMidBuild_OldVectorsStillServeAndTheBuildResumes()
    {
        await IngestAsync();
        await ChangeModelAsync();
        _ = _fixture.Get<KnowledgeIndexSync>().ReembedAsync(KnowledgeFixture.Kb);
        await Eventually.WaitForAsync(() => Task.FromResult(Volatile.Read(ref _embeddingRequests)), requests => requests > 0, "the build to start", Patience);

        // Stopping the services cancels the build mid-batch, as a crash would stop it before its switch.
        await _fixture.RestartAsync(() => { });
        var afterStop = await StatusAsync();
        var served = await DenseAsync("rotate api keys").WaitAsync(Patience);
        _open.SetResult();
        var outcome = await _fixture.Get<KnowledgeIndexSync>().ReembedAsync(KnowledgeFixture.Kb).WaitAsync(Patience);
        var done = await StatusAsync();

        Assert.Equal(nameof(HashedBagOfWordsGenerator), afterStop.EmbeddingModel);
        Assert.Equal(NewModel, afterStop.Reembedding?.Model);
        Assert.Equal("keys.md", Path.GetFileName(served[0].Source));
        Assert.Contains("re-embedded", outcome, StringComparison.Ordinal);
        Assert.Equal((NewModel, true), (done.EmbeddingModel, done.VectorsCurrent));
        Assert.Single(Directory.GetDirectories(IndexDirectory, "vectors-*"));
    }

    [Fact]
    public async Task Open_GenerationNoStateReferences_IsDeletedAndTheServingOneKept()
    {
        await IngestAsync();
        var serving = Assert.Single(Directory.GetDirectories(IndexDirectory, "vectors-*"));

        // What a crash between the switch and the deletion of the old generation leaves behind.
        await _fixture.RestartAsync(() => Directory.CreateDirectory(Path.Combine(IndexDirectory, "vectors-left-behind")));
        var hits = await DenseAsync("rotate api keys");

        Assert.Equal([serving], Directory.GetDirectories(IndexDirectory, "vectors-*"));
        Assert.Equal("keys.md", Path.GetFileName(hits[0].Source));
    }

    [Fact]
    public async Task ReembeddingJob_RunsTheBuild_AndReportsTheOutcome()
    {
        await IngestAsync();
        var jobId = await ChangeModelAsync();
        _open.SetResult();
        var queue = _fixture.Get<IJobQueue>();
        var lease = await queue.TryLeaseAsync("node-test", [KnowledgeSettingsService.ReembedJobType], TimeSpan.FromMinutes(1));
        var handler = _fixture.Get<IEnumerable<IJobHandler>>().Single(h => h.Type == KnowledgeSettingsService.ReembedJobType);
        var lines = new List<string>();

        var result = await handler.RunAsync(lease!, new SyncProgress(lines), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(jobId, lease!.JobId);
        Assert.Contains(NewModel, JsonDocument.Parse(result).RootElement.GetProperty("outcome").GetString(), StringComparison.Ordinal);
        Assert.Contains(lines, line => line.Contains(NewModel, StringComparison.Ordinal));
        Assert.Equal(NewModel, (await StatusAsync()).EmbeddingModel);
    }

    public async ValueTask DisposeAsync()
    {
        _open.TrySetResult();
        await _fixture.DisposeAsync();
        await _endpoint.DisposeAsync();
    }

    private string IndexDirectory => Path.Combine(_fixture.DataPath, "indexes", "default", "default");

    private async Task IngestAsync()
    {
        _fixture.Documents.Write("keys.md", "# Keys\n\nTo rotate an API key, open the admin console and revoke the old key.\n");
        _fixture.Documents.Write("lunch.md", "# Lunch\n\nThe canteen serves soup and bread at noon.\n");
        await _fixture.IngestAsync();
        await DenseAsync("warm up");
    }

    private async Task<string?> ChangeModelAsync()
    {
        var settings = new KnowledgeBaseSettings { Embedding = new EmbeddingProviderSettings(EmbeddingProviderSettings.OpenAI, _endpoint.BaseUrl, NewModel) };
        return (await _fixture.Get<KnowledgeSettingsService>().SetAsync(KnowledgeFixture.Kb, settings, Principal.LocalAdministrator)).ReembedJobId;
    }

    private Task<IReadOnlyList<SearchHit>> DenseAsync(string query) =>
        _fixture.Get<KnowledgeSearcher>().SearchAsync(new SearchRequest(KnowledgeFixture.Kb, query, Principal.LocalAdministrator, SearchMode.Dense, 2));

    private Task<KnowledgeBaseStatus> StatusAsync() => _fixture.Get<IngestionService>().StatusAsync(KnowledgeFixture.Kb);

    private async Task ServeEmbeddingsAsync(ScriptedHttpServer.Exchange exchange)
    {
        Interlocked.Increment(ref _embeddingRequests);
        await _open.Task.WaitAsync(exchange.Stopping);
        var inputs = JsonDocument.Parse(exchange.Body).RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString()!).ToList();
        var vectors = await _remoteModel.GenerateAsync(inputs);
        var data = vectors.Select((v, i) => new { @object = "embedding", index = i, embedding = v.Vector.ToArray() });
        await exchange.ReplyAsync(200, JsonSerializer.Serialize(new { @object = "list", model = NewModel, data }));
    }

    private sealed class SyncProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}
