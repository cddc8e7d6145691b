using System.Text;
using Lodestar.Core;
using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Search;
using Lodestar.Knowledge.Sync;
using Lodestar.Models.Providers;
using Lodestar.Server.Composition;
using Lodestar.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Tests.Security;

/// <summary>Per-knowledge-base PII policies, wired through the real composition root.</summary>
public sealed class PiiKnowledgeTests
{
    private const string Handbook = "# Payroll\n\nFor payroll questions write to jane.doe@example.com or call +1 415 555 0134 before the twentieth.\n";

    [Fact]
    public async Task Ingest_KnowledgeBaseWithIngestRule_StoresAndReturnsOnlyTheReplacement_OtherKnowledgeBaseUntouched()
    {
        using var data = new TemporaryDirectory();
        data.Write("pii-policy.json", """{"knowledgeBases":{"hr":{"rules":[{"entity":"EMAIL","scopes":"Ingest"}]}}}""");
        await using var services = Compose(data.Path);
        var hr = await UploadAsync(services, "hr");
        var eng = await UploadAsync(services, "eng");

        var stored = await services.GetRequiredService<IKnowledgeStore>().GetDocumentChunksAsync(hr.Kb, hr.DocumentId);
        var hrHits = await SearchAsync(services, hr.Kb);
        var engHits = await SearchAsync(services, eng.Kb);

        Assert.All(stored, chunk => Assert.DoesNotContain("jane.doe@example.com", chunk.Text, StringComparison.Ordinal));
        Assert.Contains("<EMAIL>", stored[0].Text, StringComparison.Ordinal);
        Assert.Contains("<EMAIL>", hrHits[0].Snippet, StringComparison.Ordinal);
        Assert.Contains("jane.doe@example.com", engHits[0].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_AnswersRuleWithMask_MasksAnswerAndCitationsButKeepsTheIndexIntact()
    {
        using var data = new TemporaryDirectory();
        data.Write("pii-policy.json", """{"knowledgeBases":{"default/support":{"rules":[{"entity":"PHONE","operator":"Mask","scopes":"Answers"}]}}}""");
        await using var services = Compose(data.Path);
        var support = await UploadAsync(services, "support");

        var answer = await services.GetRequiredService<KnowledgeAssistant>().AskAsync(new AskRequest(support.Kb, "Who do I call about payroll questions?", Principal.LocalAdministrator));
        var stored = await services.GetRequiredService<IKnowledgeStore>().GetDocumentChunksAsync(support.Kb, support.DocumentId);

        Assert.NotEmpty(answer.Citations);
        Assert.DoesNotContain("555 0134", answer.Text, StringComparison.Ordinal);
        Assert.All(answer.Citations, citation => Assert.DoesNotContain("555 0134", citation.Snippet, StringComparison.Ordinal));
        Assert.Contains("0134", string.Concat(answer.Citations.Select(c => c.Snippet)) + answer.Text, StringComparison.Ordinal);
        Assert.Contains("+1 415 555 0134", stored[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_OutboundRule_ThePromptSentToTheExternalModelCarriesOnlyKeyedHashes()
    {
        using var data = new TemporaryDirectory();
        data.Write("pii-policy.json", """{"knowledgeBases":{"legal":{"hashKey":"a-key-of-at-least-16-chars","rules":[{"entity":"EMAIL","operator":"Hash","scopes":"OutboundLlm"}]}}}""");
        await using var model = await CapturingChatModel.StartAsync();
        await using var services = Compose(data.Path, new OpenAICompatibleOptions(model.BaseUrl, null, "tiny", TimeSpan.FromSeconds(10), MaxRetries: 0));
        var legal = await UploadAsync(services, "legal");
        var open = await UploadAsync(services, "open");

        await services.GetRequiredService<KnowledgeAssistant>().AskAsync(new AskRequest(legal.Kb, "Whom do I write about payroll questions?", Principal.LocalAdministrator));
        var legalPrompt = model.LastRequest;
        await services.GetRequiredService<KnowledgeAssistant>().AskAsync(new AskRequest(open.Kb, "Whom do I write about payroll questions?", Principal.LocalAdministrator));

        Assert.DoesNotContain("jane.doe@example.com", legalPrompt, StringComparison.Ordinal);
        Assert.Contains("EMAIL:", legalPrompt, StringComparison.Ordinal);
        Assert.Contains("jane.doe@example.com", model.LastRequest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"knowledgeBases":{"hr":{"rules":[{"entity":"PASSPORT"}]}}}""", "unknown PII entity type 'PASSPORT'")]
    [InlineData("""{"default":{"rules":[{"entity":"EMAIL","operator":"Hash"}]}}""", "HashKey")]
    [InlineData("""{"knowledgeBase":{}}""", "knowledgeBase")]
    public void Compose_BadPolicyFile_FailsAtStartUpNamingTheProblem(string policy, string expected)
    {
        using var data = new TemporaryDirectory();
        data.Write("pii-policy.json", policy);

        var error = Assert.Throws<LodestarException>(() => Compose(data.Path));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Compose(string data, OpenAICompatibleOptions? chatModel = null) =>
        new ServiceCollection().AddLodestar(new LodestarHostOptions { DataDirectory = data, Embeddings = EmbeddingSource.None, ChatModel = chatModel }).BuildServiceProvider();

    private static async Task<(KnowledgeBaseId Kb, string DocumentId)> UploadAsync(IServiceProvider services, string name)
    {
        var kb = new KnowledgeBaseId(Principal.DefaultTenant, name);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(Handbook));
        var result = await services.GetRequiredService<IngestionService>().UploadAsync(kb, "payroll.md", content, AccessControlList.Open, Principal.LocalAdministrator);
        return (kb, result.DocumentId);
    }

    private static Task<IReadOnlyList<SearchHit>> SearchAsync(IServiceProvider services, KnowledgeBaseId kb) =>
        services.GetRequiredService<KnowledgeSearcher>().SearchAsync(new SearchRequest(kb, "payroll questions", Principal.LocalAdministrator, SearchMode.Bm25, 5));

    /// <summary>A real OpenAI-compatible endpoint on loopback that records the last request body.</summary>
    private sealed class CapturingChatModel : IAsyncDisposable
    {
        private const string Completion = """{"id":"c1","model":"tiny","choices":[{"index":0,"message":{"role":"assistant","content":"Write to the payroll team [1]."},"finish_reason":"stop"}]}""";
        private WebApplication? _app;

        public Uri BaseUrl { get; private set; } = null!;

        public string LastRequest { get; private set; } = string.Empty;

        public static async Task<CapturingChatModel> StartAsync()
        {
            var model = new CapturingChatModel();
            (model._app, var address) = await LoopbackApp.StartAsync(app => app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                model.LastRequest = await reader.ReadToEndAsync();
                return Results.Content(Completion, "application/json");
            }));
            model.BaseUrl = new Uri(address + "/v1/");
            return model;
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}
