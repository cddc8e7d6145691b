using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Testing;

namespace Lodestar.Observability.Tests.Support;

/// <summary>A served knowledge base with one refund-policy document and a chat model that reports token usage: what every ask test needs.</summary>
internal sealed class AssistantScenario : IAsyncDisposable
{
    public const string Question = "How many days do customers have to request a refund?";
    public const int PromptTokens = 1000;
    public const int CompletionTokens = 500;

    /// <summary>1000 input tokens at 0.01 per 1k plus 500 output tokens at 0.02 per 1k.</summary>
    public const decimal CostPerAsk = 0.02m;

    private static readonly string Completion =
        $$$"""{"id":"c1","model":"tiny-chat","choices":[{"index":0,"message":{"role":"assistant","content":"Refunds are possible within 30 days [1]."},"finish_reason":"stop"}],"usage":{"prompt_tokens":{{{PromptTokens}}},"completion_tokens":{{{CompletionTokens}}},"total_tokens":{{{PromptTokens + CompletionTokens}}}}}""";

    private const string Prices = """{"currency":"USD","models":{"tiny-chat":{"inputPer1k":0.01,"outputPer1k":0.02}}}""";

    private AssistantScenario(ScriptedHttpServer chat, ObservedServer server, HttpClient admin)
    {
        Chat = chat;
        Server = server;
        Admin = admin;
    }

    /// <summary>An OpenAI-compatible chat endpoint answering "[1]"-cited text with <see cref="PromptTokens"/> and <see cref="CompletionTokens"/> of usage.</summary>
    public ScriptedHttpServer Chat { get; }

    public ObservedServer Server { get; }

    /// <summary>An administrator of the default tenant.</summary>
    public HttpClient Admin { get; }

    public static async Task<AssistantScenario> StartAsync()
    {
        var chat = new ScriptedHttpServer(e => e.ReplyAsync(200, Completion));
        var server = await ObservedServer.StartAsync(chat.BaseUrl, Prices);
        var (admin, _) = await server.ClientForAsync("ops-admin", ["admin"]);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("# Refunds\n\nCustomers can request a refund within 30 days of purchase. Refunds are paid to the original card.\n"), "file", "refunds.md" },
        };
        (await admin.PostAsync(new Uri("/v1/knowledge-bases/default/documents", UriKind.Relative), form)).EnsureSuccessStatusCode();
        return new AssistantScenario(chat, server, admin);
    }

    public static Task<HttpResponseMessage> AskAsync(HttpClient client, string question = Question) =>
        client.PostAsJsonAsync(new Uri("/v1/knowledge-bases/default/ask", UriKind.Relative), new { question });

    /// <summary>Asks and returns the answer's id, failing on anything but 200.</summary>
    public static async Task<string> AskForIdAsync(HttpClient client, string question = Question)
    {
        var response = await AskAsync(client, question);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.GetProperty("answerId").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
        await Chat.DisposeAsync();
    }
}
