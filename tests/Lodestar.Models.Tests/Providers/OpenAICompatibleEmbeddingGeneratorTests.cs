using Lodestar.Core;
using Lodestar.Models.Providers;
using Lodestar.Testing;

namespace Lodestar.Models.Tests.Providers;

public sealed class OpenAICompatibleEmbeddingGeneratorTests
{
    [Fact]
    public async Task GenerateAsync_ServerListsOutOfOrder_ReturnsVectorsInInputOrder()
    {
        await using var server = new ScriptedHttpServer(e => e.ReplyAsync(200,
            """{"model":"emb","data":[{"index":2,"embedding":[3,3]},{"index":0,"embedding":[1,1]},{"index":1,"embedding":[2,2]}],"usage":{"prompt_tokens":6,"total_tokens":6}}"""));
        using var http = new HttpClient();
        var generator = Generator(http, server);

        var embeddings = await generator.GenerateAsync(["a", "b", "c"]);

        Assert.Equal([1f, 2f, 3f], embeddings.Select(e => e.Vector.Span[0]));
        Assert.Equal("emb", embeddings[0].ModelId);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Contains("\"input\":[\"a\",\"b\",\"c\"]", request.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"data":[{"index":0,"embedding":[1]}]}""")]
    [InlineData("""{"data":[{"index":0,"embedding":[1]},{"index":0,"embedding":[2]}]}""")]
    [InlineData("""{"data":[{"index":0,"embedding":[1]},{"index":1}]}""")]
    [InlineData("""{"data":""")]
    public async Task GenerateAsync_MalformedBody_ThrowsUnavailable(string body)
    {
        await using var server = new ScriptedHttpServer(e => e.ReplyAsync(200, body));
        using var http = new HttpClient();
        var generator = Generator(http, server);

        var error = await Assert.ThrowsAsync<LodestarException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains("embeddings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RelativeBaseUrl_ThrowsInvalid()
    {
        using var http = new HttpClient();

        var error = Assert.Throws<LodestarException>(() => new OpenAICompatibleEmbeddingGenerator(http, new OpenAICompatibleOptions(new Uri("v1/", UriKind.Relative), null, "m", TimeSpan.FromSeconds(1), 0)));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    private static OpenAICompatibleEmbeddingGenerator Generator(HttpClient http, ScriptedHttpServer server) =>
        new(new OpenAICompatibleTransport(http, new OpenAICompatibleOptions(server.BaseUrl, null, "m", TimeSpan.FromSeconds(5), 0), TimeSpan.FromMilliseconds(10)));
}
