using System.Text.RegularExpressions;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lodestar.WebConsole.Tests.Browser;

/// <summary>The console in real headless Chromium against a real server: sign-in, chat, citations, roles.</summary>
public sealed class ConsoleBrowserTests(ConsoleServer server, ITestOutputHelper output) : IClassFixture<ConsoleServer>
{
    private const string Question = "How do I rotate an API key?";

    [Fact]
    public async Task SignIn_WithValidKey_OpensChatWithTheUsersMenu()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync(server.Address + "/console");

        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
        await Screenshot(page, "01-sign-in");
        await page.GetByLabel("API key").FillAsync(server.KeyFor(Role.Member));
        await page.GetByLabel("API key").PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));

        Assert.Equal("mia", await page.GetByTestId("signed-in-user").TextContentAsync());
        Assert.Equal(["Chat"], await page.Locator("nav[aria-label='Console'] a").AllTextContentsAsync());
    }

    [Fact]
    public async Task SignIn_WithWrongKey_ShowsAnErrorAndStaysOut()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync(server.Address + "/console/sign-in");

        await page.GetByLabel("API key").FillAsync("lsk_wrong_key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not accepted");
        var response = await page.GotoAsync(server.Address + "/console/audit");
        Assert.Contains("/console/sign-in", response!.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_WhenItsKeyIsRevoked_EndsAtTheNextRequest()
    {
        var issued = await server.Services.GetRequiredService<Lodestar.Governance.Identity.ApiKeyService>().CreateAsync(Principal.LocalAdministrator, "mia", null, TimeSpan.FromHours(1));
        var page = await server.NewPageAsync();
        await page.GotoAsync(server.Address + "/console/sign-in");
        await page.GetByLabel("API key").FillAsync(issued.Secret);
        await page.GetByLabel("API key").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("mia");

        await server.Services.GetRequiredService<Lodestar.Governance.Identity.ApiKeyService>().RevokeAsync(Principal.LocalAdministrator, issued.Key.KeyId);
        await page.ReloadAsync();

        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_StreamsACitedAnswer_AndTheCitationOpensTheHighlightedPassage()
    {
        var page = await server.SignedInPageAsync(Role.Member);

        await page.GetByLabel("Your question").FillAsync(Question);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        var answer = page.GetByTestId("answer-text");
        await Assertions.Expect(answer).ToBeVisibleAsync();
        var citation = answer.Locator("a.cite").First;
        await Assertions.Expect(citation).ToHaveTextAsync(new Regex(@"^\[\d+\]$"));
        await Assertions.Expect(page.Locator("ol.sources li").First).ToContainTextAsync("api-keys.md");
        await Screenshot(page, "02-chat-answer");

        await citation.ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/documents/"));
        var mark = page.GetByTestId("cited-passage");
        await Assertions.Expect(mark).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cited")).ToBeFocusedAsync();
        Assert.Contains("rotate", (await mark.TextContentAsync())!, StringComparison.OrdinalIgnoreCase);
        await Screenshot(page, "03-cited-passage");
    }

    [Fact]
    public async Task Ask_InASession_ListsItInTheHistoryAndReopensIt()
    {
        var page = await server.SignedInPageAsync(Role.Curator);

        await page.GetByLabel("Your question").FillAsync("Which severity is a robot not stopping at a safety zone?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("answer-text")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await page.Locator(".session-list a").First.ClickAsync();

        await Assertions.Expect(page.Locator(".session-list a[aria-current='page']")).ToContainTextAsync("safety zone");
        await Assertions.Expect(page.Locator("#transcript .turn.question")).ToContainTextAsync("safety zone");
    }

    [Fact]
    public async Task AuditPage_ForAMember_IsForbiddenWith403AndNotInTheMenu()
    {
        var page = await server.SignedInPageAsync(Role.Member);

        var response = await page.GotoAsync(server.Address + "/console/audit");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByTestId("forbidden")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("nav[aria-label='Console'] a", new() { HasText = "Audit" }).CountAsync());
        await Screenshot(page, "04-forbidden-member");
    }

    [Fact]
    public async Task AuditPage_ForAnAuditor_ShowsTheVerifiedTrailWithSignIns()
    {
        var page = await server.SignedInPageAsync(Role.Auditor);

        await page.GotoAsync(server.Address + "/console/audit");

        await Assertions.Expect(page.GetByTestId("audit-intact")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.data")).ToContainTextAsync("console.signed-in");
        await Screenshot(page, "05-audit");
    }

    [Fact]
    public async Task Passage_OfADocumentTheReaderMayNotSee_IsNotFound()
    {
        var page = await server.SignedInPageAsync(Role.Member);
        var documents = await server.Services.GetRequiredService<IKnowledgeStore>().ListDocumentsAsync(new KnowledgeBaseId(Principal.DefaultTenant, KnowledgeBaseId.DefaultName));
        var salaries = documents.Single(document => document.Source == "hr/salaries.md").Id;

        var response = await page.GotoAsync($"{server.Address}/console/documents/default/{salaries}");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task KnowledgePage_ForACurator_RunsAnIngestionJobAndListsDocumentsWithAcls()
    {
        var page = await server.SignedInPageAsync(Role.Curator);
        using var folder = new Lodestar.Testing.TemporaryDirectory();
        folder.Write("notes/heron.md", "# Heron\n\nThe heron nests by the north pond.\n");
        folder.Write("notes/broken.docx", "not a zip");

        await page.GotoAsync(server.Address + "/console/knowledge");
        await page.GetByLabel("Server path").FillAsync(folder.Path);
        await page.GetByLabel("Knowledge base").First.FillAsync("birds");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start ingestion" }).ClickAsync();

        await Assertions.Expect(page.Locator(".job").First).ToContainTextAsync("Succeeded", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".failures")).ToContainTextAsync("broken.docx");
        await Assertions.Expect(page.Locator("table.data")).ToContainTextAsync("heron.md");
        await Screenshot(page, "06-knowledge");
    }

    [Fact]
    public async Task KnowledgePage_JobQueuedThroughTheDurableQueue_ShowsItsFailureReason()
    {
        // Queued the way the HTTP API (on any node) queues it: the page reads the queue, not a list of its own.
        var missing = Path.Combine(Path.GetTempPath(), "lodestar-missing-" + Guid.NewGuid().ToString("N"));
        var queued = await server.Services.GetRequiredService<Lodestar.Core.Jobs.IJobQueue>().EnqueueAsync(Lodestar.Knowledge.Sync.IngestionJobFormat.JobType, Principal.DefaultTenant, "cai",
            Lodestar.Knowledge.Sync.IngestionJobFormat.CreatePayload(new KnowledgeBaseId(Principal.DefaultTenant, "ghosts"), missing, new Principal(Principal.DefaultTenant, "cai", [], [Role.Curator])));
        var page = await server.SignedInPageAsync(Role.Curator);

        await page.GotoAsync(server.Address + "/console/knowledge");

        var job = page.Locator($"article[aria-label='Job {queued.Id}']");
        await Assertions.Expect(job).ToContainTextAsync("Failed", new() { Timeout = 20_000 });
        await Assertions.Expect(job.Locator(".error")).ToContainTextAsync("lodestar-missing-");
        await Assertions.Expect(job).ToContainTextAsync("ghosts");
    }

    [Fact]
    public async Task Rating_ThumbsUpWithAComment_IsSaved()
    {
        var page = await server.SignedInPageAsync(Role.Member);
        await page.GetByLabel("Your question").FillAsync("How long are API keys valid?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();

        await page.GetByLabel("Comment (optional)").FillAsync("clear and short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Helpful", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks for the feedback.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Helpful", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task OperationsPage_AfterQuestions_ChartsLatencyThroughputCostAndGroundedness()
    {
        var page = await server.SignedInPageAsync(Role.Admin);
        await page.GetByLabel("Your question").FillAsync(Question);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("answer-text")).ToBeVisibleAsync();

        // Requests reach the store on the observability loop's next flush (about a second).
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            await page.GotoAsync(server.Address + "/console/operations");
        }
        while ((await PointsAsync(page, "chart-latency", "p99") == 0 || await PointsAsync(page, "chart-groundedness", "mean groundedness") == 0) && DateTime.UtcNow < deadline && await Pause());

        Assert.True(await PointsAsync(page, "chart-latency", "p99") > 0);
        Assert.True(await PointsAsync(page, "chart-throughput", "requests") > 0);
        Assert.True(await PointsAsync(page, "chart-groundedness", "mean groundedness") > 0);
        await Assertions.Expect(page.GetByTestId("chart-cost")).ToContainTextAsync(Principal.DefaultTenant);
        Assert.NotEqual("0", await page.GetByTestId("kpi-requests").TextContentAsync());
        await Screenshot(page, "07-operations");
    }

    [Fact]
    public async Task AlertsPage_ShowsARaisedAlert_AndIsForbiddenForAMember()
    {
        await server.Services.GetRequiredService<IAlertSink>().RaiseAsync(
            new AlertEvent(Principal.DefaultTenant, "rule:ask-p99", "ask-p99", AlertSeverity.Warning, "p99 ask latency 2300 ms > 2000 ms over 5 min"));
        var admin = await server.SignedInPageAsync(Role.Admin);
        var member = await server.SignedInPageAsync(Role.Member);

        await admin.GotoAsync(server.Address + "/console/alerts");
        var denied = await member.GotoAsync(server.Address + "/console/alerts");

        await Assertions.Expect(admin.GetByTestId("alerts")).ToContainTextAsync("p99 ask latency 2300 ms", new() { Timeout = 10_000 });
        Assert.Equal(403, denied!.Status);
        await Screenshot(admin, "08-alerts");
    }

    [Fact]
    public async Task ConsoleAsk_WithTheSessionCookieButNoPageToken_Is400()
    {
        var page = await server.SignedInPageAsync(Role.Member);

        var response = await page.Context.APIRequest.PostAsync(server.Address + "/console/api/knowledge-bases/default/ask", new() { DataObject = new { question = Question } });

        Assert.Equal(400, response.Status);
        Assert.Contains("reload the page", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleAsk_EmptyQuestion_StreamsAnErrorEvent()
    {
        var page = await server.SignedInPageAsync(Role.Member);

        var body = await page.EvaluateAsync<string>("""
            async () => {
              const token = document.querySelector("input[name='__RequestVerificationToken']").value;
              const response = await fetch('/console/api/knowledge-bases/default/ask', { method: 'POST', headers: { 'Content-Type': 'application/json', RequestVerificationToken: token }, body: JSON.stringify({ question: '' }) });
              return response.headers.get('content-type') + '\n' + await response.text();
            }
            """);

        Assert.StartsWith("text/event-stream", body, StringComparison.Ordinal);
        Assert.Contains("event: status", body, StringComparison.Ordinal);
        Assert.Contains("event: error\ndata: {\"message\":\"the question is empty\"}", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keyboard_FirstTabReachesTheSkipLink()
    {
        var page = await server.SignedInPageAsync(Role.Member);

        await page.Keyboard.PressAsync("Tab");

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
    }

    /// <summary>How many data points a chart's series drew.</summary>
    private static async Task<int> PointsAsync(IPage page, string chart, string series) =>
        int.Parse((await page.Locator($"[data-testid='{chart}'] g[data-series='{series}']").GetAttributeAsync("data-points"))!, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<bool> Pause()
    {
        await Task.Delay(500);
        return true;
    }

    private async Task Screenshot(IPage page, string name) =>
        output.WriteLine("screenshot: " + await ConsoleServer.ScreenshotAsync(page, name));
}
