using System.Text.Json;
using Lodestar.Core;
using Lodestar.Knowledge;
using Lodestar.Knowledge.Answering;
using Lodestar.Models.Providers;
using Lodestar.Testing;

namespace Lodestar.Server.Tests.Knowledge;

/// <summary>Follow-up rewriting by a chat model (a real loopback OpenAI-compatible server), with the deterministic fallback.</summary>
public sealed class ChatRewriteTests
{
    private const string Handbook = "# Handbook\n\n## VPN\n\nThe VPN client is WireGuard. Install it from the self-service portal.\n\n## Expenses\n\nSubmit receipts within 30 days.\n";

    [Fact]
    public async Task Ask_FollowUpWithChatModel_SearchesTheModelsStandaloneQuestion()
    {
        var prompts = new List<string>();
        await using var model = new ScriptedHttpServer(e =>
        {
            var rewriting = e.Body.Contains("END CONVERSATION", StringComparison.Ordinal);
            lock (prompts)
            {
                prompts.Add(e.Body);
            }

            return e.ReplyAsync(200, Completion(rewriting ? "How do I install the WireGuard VPN client?" : "Install it from the self-service portal [1]."));
        });
        await using var fixture = await CreateAsync(model);

        await fixture.AskAsync("Which VPN client do we use?", session: "s1");
        var followUp = await fixture.AskAsync("How do I install it?", session: "s1");

        Assert.Equal("How do I install the WireGuard VPN client?", followUp.SearchedQuestion);
        Assert.Contains("self-service portal", followUp.Text, StringComparison.Ordinal);
        var rewritePrompt = Assert.Single(prompts, p => p.Contains("END CONVERSATION", StringComparison.Ordinal));
        Assert.Contains("Which VPN client do we use?", rewritePrompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ChatModelDown_RewritesDeterministicallyAndAnswersExtractively()
    {
        await using var model = new ScriptedHttpServer(e => e.ReplyAsync(503, "overloaded"));
        await using var fixture = await CreateAsync(model);

        await fixture.AskAsync("Which VPN client do we use?", session: "s1");
        var followUp = await fixture.AskAsync("How do I install it?", session: "s1");

        Assert.Contains("VPN", followUp.SearchedQuestion, StringComparison.Ordinal);
        Assert.NotNull(followUp.Fallback);
        Assert.Contains("self-service portal", followUp.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_HistoryOverTokenBudget_RewritePromptKeepsOnlyTheNewestTurns()
    {
        var prompts = new List<string>();
        await using var model = new ScriptedHttpServer(e =>
        {
            lock (prompts)
            {
                prompts.Add(e.Body);
            }

            return e.ReplyAsync(200, Completion("Where do I submit expense receipts?"));
        });
        await using var fixture = await CreateAsync(model, options => options.HistoryTokenBudget = 1);

        await fixture.AskAsync("Which VPN client do we use?", session: "s1");
        await fixture.AskAsync("And expenses?", session: "s1");
        prompts.Clear();
        await fixture.AskAsync("Where?", session: "s1");

        var rewritePrompt = Assert.Single(prompts, p => p.Contains("END CONVERSATION", StringComparison.Ordinal));
        Assert.Contains("Where do I submit expense receipts?", rewritePrompt, StringComparison.Ordinal);
        Assert.DoesNotContain("Which VPN client", rewritePrompt, StringComparison.Ordinal);
    }

    private static async Task<KnowledgeFixture> CreateAsync(ScriptedHttpServer model, Action<KnowledgeOptions>? configure = null)
    {
        var fixture = new KnowledgeFixture(configure, chatModel: new OpenAICompatibleOptions(model.BaseUrl, null, "tiny", TimeSpan.FromSeconds(20), MaxRetries: 0));
        fixture.Documents.Write("handbook.md", Handbook);
        await fixture.IngestAsync();
        return fixture;
    }

    private static string Completion(string text) =>
        JsonSerializer.Serialize(new { id = "c", model = "tiny", choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } } });
}
