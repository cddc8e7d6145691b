using System.Net;
using Lodestar.Governance.Audit;
using Lodestar.WebConsole.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lodestar.WebConsole.Tests.Oidc;

/// <summary>"Sign in with SSO" in real Chromium through a real loopback OpenID provider: the happy path and every refusal.</summary>
public sealed class ConsoleOidcSignInTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [Fact]
    public async Task SignInWithSso_ValidProviderAnswer_OpensTheConsoleAsTheProvidersUser()
    {
        server.Oidc.Next = new SignInScript("oidc-olive", ["auditor"]);
        var exchangesBefore = server.Oidc.VerifiedCodeExchanges;
        var page = await server.NewPageAsync();
        await page.GotoAsync(server.Address + "/console/audit");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with SSO" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("oidc-olive");
        Assert.EndsWith("/console/audit", page.Url, StringComparison.Ordinal);
        Assert.Equal(exchangesBefore + 1, server.Oidc.VerifiedCodeExchanges);
        await ConsoleServer.ScreenshotAsync(page, "09-sso-signed-in");
        Assert.Contains(await AuditAsync("auth.signin"), record => record.Actor == "oidc-olive" && record.DetailsJson.Contains("oidc", StringComparison.Ordinal));
        // The session lasts past the sign-in page: it has no API key to re-check, and it is not dropped for lacking one.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("oidc-olive");
    }

    [Theory]
    [InlineData(SignInFault.WrongState, "could not be matched", "state mismatch")]
    [InlineData(SignInFault.WrongNonce, "answer was refused", "nonce mismatch")]
    [InlineData(SignInFault.Expired, "answer was refused", "Expired")]
    [InlineData(SignInFault.WrongAudience, "answer was refused", "Audience")]
    public async Task SignInWithSso_BadProviderAnswer_IsRefusedWithAClearMessage(SignInFault fault, string message, string auditedReason)
    {
        var user = "oidc-" + fault.ToString().ToLowerInvariant();
        server.Oidc.Next = new SignInScript(user, Fault: fault);
        var page = await server.NewPageAsync();
        await page.GotoAsync(server.Address + "/console/sign-in");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with SSO" }).ClickAsync();

        await Assertions.Expect(page.Locator("#sso-error")).ToContainTextAsync(message);
        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
        var response = await page.GotoAsync(server.Address + "/console");
        Assert.Contains("/console/sign-in", response!.Url, StringComparison.Ordinal);
        Assert.Contains(await AuditAsync("auth.failed"), record => record.DetailsJson.Contains("oidc", StringComparison.Ordinal) && record.DetailsJson.Contains(auditedReason, StringComparison.Ordinal));
        Assert.DoesNotContain(await AuditAsync("auth.signin"), record => record.Actor == user);
    }

    [Fact]
    public async Task Callback_WithoutAStartedSignIn_RedirectsToTheSignInPageNot500()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(server.Address + "/console/signin-oidc?code=stolen&state=guessed"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/sign-in?sso=state", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Start_SendsPkceS256StateAndNonceToTheProvider()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(server.Address + "/console/sign-in/sso?returnUrl=https://evil.example/"));

        var location = response.Headers.Location!;
        Assert.StartsWith(server.Oidc.Issuer + "/authorize?", location.AbsoluteUri, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"]!.Length);
        Assert.Equal(43, query["state"]!.Length);
        Assert.Equal(43, query["nonce"]!.Length);
        Assert.Equal(server.Address + "/console/signin-oidc", query["redirect_uri"]);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("lodestar.console.oidc=", StringComparison.Ordinal) && cookie.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SignInPage_WithoutOidcConfigured_OffersOnlyTheApiKey()
    {
        using var data = new Lodestar.Testing.TemporaryDirectory();
        await using var app = Lodestar.Server.LodestarServer.Build(new Lodestar.Server.LodestarServerOptions
        {
            Host = new Lodestar.Server.Composition.LodestarHostOptions { DataDirectory = data.Path, Embeddings = Lodestar.Server.Composition.EmbeddingSource.None },
            Urls = "http://127.0.0.1:0",
            Jwt = null,
            ConsoleOidc = null,
        });
        await app.StartAsync();
        using var client = new HttpClient();

        var page = await client.GetStringAsync(new Uri(app.Urls.First() + "/console/sign-in"));

        await app.StopAsync();
        Assert.Contains("API key", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in with SSO", page, StringComparison.Ordinal);
    }

    private async Task<List<AuditRecord>> AuditAsync(string action)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in server.Services.GetRequiredService<IAuditStore>().ReadAsync(long.MinValue))
        {
            if (record.Action == action)
            {
                records.Add(record);
            }
        }

        return records;
    }
}
