using System.Text.Json;
using Lodestar.Cli.Tests.Governance;

namespace Lodestar.Cli.Tests.KnowledgeSettings;

[Collection("Console")]
public sealed class KnowledgeBaseCommandsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task SettingsSet_ThenShowJson_KeepsOtherSectionsAndFillsDefaults()
    {
        var analyzer = await _cli.RunAsync("kb", "settings", "set", "--kb", "handbook", "--stemmer", "none", "--stop-words", "foo,bar");
        var bm25 = await _cli.RunAsync("kb", "settings", "set", "--kb", "handbook", "--k1", "1.2");
        var shown = await _cli.RunAsync("--json", "kb", "settings", "show", "--kb", "handbook");

        Assert.Equal((0, 0), (analyzer.ExitCode, bm25.ExitCode));
        var view = JsonDocument.Parse(shown.Out).RootElement;
        Assert.Equal(2, view.GetProperty("version").GetInt64());
        Assert.Equal("custom", view.GetProperty("settings").GetProperty("analyzer").GetProperty("stopWords").GetString());
        Assert.Equal(["foo", "bar"], view.GetProperty("settings").GetProperty("analyzer").GetProperty("customStopWords").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(1.2, view.GetProperty("effective").GetProperty("bm25").GetProperty("k1").GetDouble(), 3);
        Assert.Equal(0.4, view.GetProperty("effective").GetProperty("bm25").GetProperty("b").GetDouble(), 3);
        Assert.Equal(256, view.GetProperty("effective").GetProperty("chunking").GetProperty("maxTokens").GetInt32());
    }

    [Fact]
    public async Task SettingsSet_BadValues_FailWithOneLineErrorAndSaveNothing()
    {
        var stemmer = await _cli.RunAsync("kb", "settings", "set", "--stemmer", "snowball");
        var key = await _cli.RunAsync("kb", "settings", "set", "--embedding", "openai", "--embedding-url", "http://localhost:11434/v1/", "--embedding-model", "m", "--embedding-key-env", "sk-123");
        var shown = await _cli.RunAsync("--json", "kb", "settings", "show");

        Assert.Equal(2, stemmer.ExitCode);
        Assert.StartsWith("error: unknown stemmer 'snowball'", stemmer.Error, StringComparison.Ordinal);
        Assert.Single(stemmer.Error.Trim().Split('\n'));
        Assert.Equal(2, key.ExitCode);
        Assert.Contains("apiKeyEnv", key.Error, StringComparison.Ordinal);
        Assert.Equal(0, JsonDocument.Parse(shown.Out).RootElement.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task SettingsReset_Section_ReturnsItToTheDefault()
    {
        await _cli.RunAsync("kb", "settings", "set", "--chunk-tokens", "64", "--chunk-overlap", "8");

        var reset = await _cli.RunAsync("kb", "settings", "set", "--reset", "chunking");
        var shown = await _cli.RunAsync("--json", "kb", "settings", "show");

        Assert.Equal(0, reset.ExitCode);
        Assert.Equal(256, JsonDocument.Parse(shown.Out).RootElement.GetProperty("effective").GetProperty("chunking").GetProperty("maxTokens").GetInt32());
    }

    public void Dispose() => _cli.Dispose();
}
