using Lodestar.Server.Composition;
using Lodestar.Server.Security;

namespace Lodestar.Server;

/// <summary>How to run the server: where the data lives and which addresses to listen on.</summary>
public sealed class LodestarServerOptions
{
    public required string DataDirectory { get; init; }

    public EmbeddingSource Embeddings { get; init; } = new LodestarHostOptions { DataDirectory = "." }.Embeddings;

    /// <summary>The chat model for generated answers; defaults to the <c>LODESTAR_LLM_*</c> environment (null: extractive).</summary>
    public Models.Providers.OpenAICompatibleOptions? ChatModel { get; init; } = new LodestarHostOptions { DataDirectory = "." }.ChatModel;
    /// <summary>The system of record; each node of a PostgreSQL cluster still needs its own <see cref="DataDirectory"/> for index files.</summary>
    public Cluster.StoreSelection Store { get; init; } = Cluster.StoreSelection.FromEnvironment();

    /// <summary>Semicolon-separated listen URLs; port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Lets endpoint deployments inject faults; defaults to env <c>LODESTAR_SERVING_FAULT_INJECTION</c>.</summary>
    public bool AllowServingFaultInjection { get; init; } = new LodestarHostOptions { DataDirectory = "." }.AllowServingFaultInjection;

    /// <summary>OIDC/JWT bearer sign-in; off (API keys only) unless configured, by default from <c>LODESTAR_OIDC_*</c>.</summary>
    public JwtBearerSettings? Jwt { get; init; } = JwtBearerSettings.FromEnvironment();

    public RateLimitSettings RateLimits { get; init; } = RateLimitSettings.FromEnvironment();
}
