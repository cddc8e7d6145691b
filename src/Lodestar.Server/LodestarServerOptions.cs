using Lodestar.Server.Composition;

namespace Lodestar.Server;

/// <summary>How to run the server: where the data lives and which addresses to listen on.</summary>
public sealed class LodestarServerOptions
{
    public required string DataDirectory { get; init; }

    public EmbeddingSource Embeddings { get; init; } = new LodestarHostOptions { DataDirectory = "." }.Embeddings;

    /// <summary>The chat model for generated answers; defaults to the environment (see <see cref="LodestarHostOptions.ChatModel"/>).</summary>
    public Models.Providers.OpenAICompatibleOptions? ChatModel { get; init; } = new LodestarHostOptions { DataDirectory = "." }.ChatModel;

    /// <summary>Semicolon-separated listen URLs; port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";
}
