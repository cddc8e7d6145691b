using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Knowledge;
using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Search;
using Lodestar.Knowledge.Sync;
using Lodestar.Models.Providers;
using Lodestar.Server.Composition;
using Lodestar.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Tests.Knowledge;

/// <summary>The real composition (SQLite, index files) over a temporary data directory and a temporary document folder.</summary>
internal sealed class KnowledgeFixture : IAsyncDisposable
{
    public static readonly KnowledgeBaseId Kb = new(Principal.DefaultTenant, KnowledgeBaseId.DefaultName);

    private readonly TemporaryDirectory _data = new();
    private readonly Action<KnowledgeOptions>? _configure;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;
    private readonly OpenAICompatibleOptions? _chatModel;
    private ServiceProvider _services;

    public KnowledgeFixture(Action<KnowledgeOptions>? configure = null, IEmbeddingGenerator<string, Embedding<float>>? embedder = null, OpenAICompatibleOptions? chatModel = null)
    {
        _configure = configure;
        _embedder = embedder;
        _chatModel = chatModel;
        _services = Build();
    }

    public TemporaryDirectory Documents { get; } = new();

    public string DataPath => _data.Path;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public Task<IngestReport> IngestAsync(CancellationToken cancellationToken = default) =>
        Get<IngestionService>().IngestAsync(Kb, Documents.Path, Principal.LocalAdministrator, cancellationToken: cancellationToken);

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, Principal? principal = null, int k = 10) =>
        Get<KnowledgeSearcher>().SearchAsync(new SearchRequest(Kb, query, principal ?? Principal.LocalAdministrator, SearchMode.Bm25, k));

    public Task<Answer> AskAsync(string question, Principal? principal = null, string? session = null) =>
        Get<KnowledgeAssistant>().AskAsync(new AskRequest(Kb, question, principal ?? Principal.LocalAdministrator, ConversationId: session));

    public async Task<Principal> AddUserAsync(string id, params string[] groups)
    {
        await Get<UserDirectory>().AddAsync(Principal.LocalAdministrator, new NewUser(id, Groups: groups));
        return await Get<IPrincipalResolver>().ResolveAsync(id);
    }

    /// <summary>Stops the services (closing index files), runs <paramref name="whileStopped"/>, and starts them again on the same data.</summary>
    public async Task RestartAsync(Action whileStopped)
    {
        await _services.DisposeAsync();
        whileStopped();
        _services = Build();
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection().AddLodestar(new LodestarHostOptions { DataDirectory = _data.Path, Embeddings = EmbeddingSource.None, ChatModel = _chatModel });
        if (_configure is not null)
        {
            services.Configure(_configure);
        }

        if (_embedder is not null)
        {
            services.AddSingleton(_embedder);
        }

        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Documents.Dispose();
        _data.Dispose();
    }
}
