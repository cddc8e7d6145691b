using System.Text.Json;
using Lodestar.Cli.Tests.Governance;
using Lodestar.Testing;

namespace Lodestar.Cli.Tests.Knowledge;

[Collection("Console")]
public sealed class KnowledgeCommandsTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly TemporaryDirectory _documents = new();

    public KnowledgeCommandsTests()
    {
        // BM25 only: these tests check the contract shapes, not the encoder.
        Environment.SetEnvironmentVariable("LODESTAR_EMBEDDINGS", "none");
    }

    [Fact]
    public async Task Eval_SciFactBm25_MeetsTheAnseriniAnchor()
    {
        var (exitCode, output, error) = await _cli.RunAsync("eval", "--dataset", SharedData.Dataset("scifact"), "--mode", "bm25", "--json");

        Assert.True(exitCode == 0, error);
        using var report = JsonDocument.Parse(output);
        Assert.Equal(300, report.RootElement.GetProperty("queries").GetInt32());
        Assert.True(report.RootElement.GetProperty("ndcg@10").GetDouble() >= 0.679, output);
        Assert.True(report.RootElement.GetProperty("recall@100").GetDouble() >= 0.925, output);
        Assert.True(report.RootElement.TryGetProperty("mrr@10", out _));
        Assert.True(report.RootElement.TryGetProperty("map", out _));
    }

    [Fact]
    public async Task IngestSearchAsk_Json_FollowTheContractShapes()
    {
        _documents.Write("security/api-keys.md", "# API keys\n\n## Rotating\n\nTo rotate an API key, open the console and choose Keys.\n");
        _documents.Write("notes.bin", "\u0000\u0001binary");

        var ingest = await _cli.RunAsync("ingest", _documents.Path, "--json");
        var search = await _cli.RunAsync("search", "rotate api key", "--json");
        var ask = await _cli.RunAsync("ask", "How do I rotate an API key?", "--json");

        using var report = JsonDocument.Parse(ingest.Out);
        Assert.Equal(1, report.RootElement.GetProperty("added").GetInt32());
        Assert.Equal("notes.bin", report.RootElement.GetProperty("failed")[0].GetProperty("source").GetString());
        using var results = JsonDocument.Parse(search.Out);
        var hit = results.RootElement.GetProperty("results")[0];
        Assert.Equal("security/api-keys.md", hit.GetProperty("source").GetString());
        foreach (var field in new[] { "documentId", "chunkId", "score", "snippet" })
        {
            Assert.True(hit.TryGetProperty(field, out _), field);
        }

        using var answer = JsonDocument.Parse(ask.Out);
        Assert.Contains("[1]", answer.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal("security/api-keys.md", answer.RootElement.GetProperty("citations")[0].GetProperty("source").GetString());
        Assert.Equal(1.0, answer.RootElement.GetProperty("groundedness").GetDouble());
    }

    [Fact]
    public async Task Search_AsUnknownUser_FailsWithOneLineReason()
    {
        var (exitCode, output, error) = await _cli.RunAsync("search", "anything", "--user", "nobody", "--json");

        Assert.NotEqual(0, exitCode);
        Assert.Empty(output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("nobody", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_MissingPath_FailsWithExitCode2()
    {
        var (exitCode, _, error) = await _cli.RunAsync("ingest", _documents.Combine("missing"));

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: no such file or folder", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _cli.Dispose();
        _documents.Dispose();
    }
}
