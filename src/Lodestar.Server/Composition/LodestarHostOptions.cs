using Lodestar.Models.Providers;

namespace Lodestar.Server.Composition;

/// <summary>What a host (server or CLI) must decide before composing Lodestar's services.</summary>
public sealed class LodestarHostOptions
{
    /// <summary>Root of the embedded store (SQLite database and index files).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// An OpenAI-compatible chat endpoint for generated answers (env <c>LODESTAR_LLM_BASE_URL</c>, e.g.
    /// <c>http://localhost:11434/v1/</c>, with <c>LODESTAR_LLM_MODEL</c> and optional <c>LODESTAR_LLM_API_KEY</c>, and
    /// <c>LODESTAR_LLM_API_VERSION</c> for an Azure OpenAI deployment URL); null answers extractively.
    /// </summary>
    public OpenAICompatibleOptions? ChatModel { get; init; } = ChatModelFromEnvironment();

    /// <summary>
    /// The system of record: SQLite (default) or a shared PostgreSQL (<c>--store</c>, env <c>LODESTAR_STORE</c>/<c>LODESTAR_PG_CONNECTION</c>);
    /// each node of a PostgreSQL cluster still needs its own <see cref="DataDirectory"/> for index files.
    /// </summary>
    public Cluster.StoreSelection Store { get; init; } = Cluster.StoreSelection.FromEnvironment();

    /// <summary>Which embedding generator backs dense and hybrid search; env <c>LODESTAR_EMBEDDINGS=none</c> turns it off.</summary>
    public EmbeddingSource Embeddings { get; init; } =
        string.Equals(Environment.GetEnvironmentVariable("LODESTAR_EMBEDDINGS"), "none", StringComparison.OrdinalIgnoreCase) ? EmbeddingSource.None : EmbeddingSource.Auto;

    /// <summary>Lets endpoint deployments inject latency and errors (rollback drills); env <c>LODESTAR_SERVING_FAULT_INJECTION=true</c>.</summary>
    public bool AllowServingFaultInjection { get; init; } =
        string.Equals(Environment.GetEnvironmentVariable("LODESTAR_SERVING_FAULT_INJECTION"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where alert and drift webhooks may go: public addresses only, unless env <c>LODESTAR_WEBHOOK_ALLOW_PRIVATE=true</c>
    /// or <c>LODESTAR_WEBHOOK_ALLOW=HOST|CIDR,...</c> allows private ones (<see cref="Core.Net.WebhookAddressPolicy"/>).
    /// </summary>
    public Core.Net.WebhookAddressPolicy Webhooks { get; init; } = Core.Net.WebhookAddressPolicy.FromEnvironment();

    private static OpenAICompatibleOptions? ChatModelFromEnvironment()
    {
        var baseUrl = Environment.GetEnvironmentVariable("LODESTAR_LLM_BASE_URL");
        var model = Environment.GetEnvironmentVariable("LODESTAR_LLM_MODEL");
        if (string.IsNullOrWhiteSpace(baseUrl) || string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            throw Core.LodestarException.Invalid($"LODESTAR_LLM_BASE_URL is not an absolute URL: {baseUrl}");
        }

        return new OpenAICompatibleOptions(uri, Environment.GetEnvironmentVariable("LODESTAR_LLM_API_KEY"), model, TimeSpan.FromSeconds(60), MaxRetries: 2)
        {
            AzureApiVersion = Environment.GetEnvironmentVariable("LODESTAR_LLM_API_VERSION") is { Length: > 0 } version ? version : null,
        };
    }
}
