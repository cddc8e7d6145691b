using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Sync;
using Lodestar.Server;
using Lodestar.Server.Composition;
using Lodestar.Testing;
using Lodestar.WebConsole.Tests.Oidc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lodestar.WebConsole.Tests.Browser;

/// <summary>
/// The real server on a free loopback port with the sample handbook ingested, API keys for one user per role, and
/// headless Chromium (the Debian package) driven by Playwright. Shared by the tests of a class.
/// </summary>
public sealed class ConsoleServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TemporaryDirectory _data = new();
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string Address { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>The identity provider the console's "Sign in with SSO" uses (a real one on a loopback port).</summary>
    public LoopbackOidcProvider Oidc { get; } = new();

    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> under the test output folder.</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    /// <summary>The API key of a user created with one role: "member" (mia), "curator" (cai), "auditor" (abe), "admin" (ada).</summary>
    public string KeyFor(string role) => _keys[role];

    public async Task InitializeAsync()
    {
        _app = LodestarServer.Build(new LodestarServerOptions { Host = new LodestarHostOptions { DataDirectory = _data.Path, Embeddings = EmbeddingSource.None }, Urls = "http://127.0.0.1:0", Jwt = Oidc.JwtSettings, ConsoleOidc = Oidc.ConsoleSettings });
        await _app.StartAsync();
        Address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var handbook = Path.Combine(SharedData.RepositoryRoot(), "samples", "handbook");
        await Services.GetRequiredService<IngestionService>().IngestAsync(new KnowledgeBaseId(Principal.DefaultTenant, KnowledgeBaseId.DefaultName), handbook, Principal.LocalAdministrator);
        foreach (var (role, user) in new[] { (Role.Member, "mia"), (Role.Curator, "cai"), (Role.Auditor, "abe"), (Role.Admin, "ada") })
        {
            await Services.GetRequiredService<UserDirectory>().AddAsync(Principal.LocalAdministrator, new NewUser(user, Roles: [role]));
            _keys[role] = (await Services.GetRequiredService<ApiKeyService>().CreateAsync(Principal.LocalAdministrator, user, null, TimeSpan.FromHours(1))).Secret;
        }

        _playwright = await Playwright.CreateAsync();
        // Root in a container cannot use Chromium's user-namespace sandbox (the pages are our own), and /dev/shm is often tiny there.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"] });
    }

    /// <summary>A fresh browser context (own cookies) signed in as the user holding <paramref name="role"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string role)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(Address + "/console/sign-in");
        await page.GetByLabel("API key").FillAsync(KeyFor(role));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });

        // Playwright's 30 s default was once too short for a page load on a loaded 2-core machine; a real failure still shows.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Oidc.DisposeAsync();
        _data.Dispose();
    }
}
