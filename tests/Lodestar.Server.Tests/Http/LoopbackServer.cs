using System.Net.Http.Headers;
using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Tests.Http;

/// <summary>
/// The real server on a free loopback port, with a fresh data directory (or a given one, which it leaves in place,
/// so a test can stop a server and start another on the same data) and helpers to mint API keys.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TemporaryDirectory? _owned;
    private WebApplication? _app;

    private LoopbackServer(string? dataDirectory)
    {
        _owned = dataDirectory is null ? new TemporaryDirectory() : null;
        DataDirectory = dataDirectory ?? _owned!.Path;
    }

    public Uri Address { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public string DataDirectory { get; }

    public static async Task<LoopbackServer> StartAsync(bool allowFaultInjection = false, Lodestar.Server.Security.JwtBearerSettings? jwt = null, Lodestar.Server.Security.RateLimitSettings? rateLimits = null, global::Lodestar.Models.Providers.OpenAICompatibleOptions? chatModel = null, Core.Net.WebhookAddressPolicy? webhooks = null, string? dataDirectory = null)
    {
        var server = new LoopbackServer(dataDirectory);
        server._app = LodestarServer.Build(new LodestarServerOptions
        {
            Host = new Composition.LodestarHostOptions
            {
                DataDirectory = server.DataDirectory,
                Embeddings = Composition.EmbeddingSource.None,
                AllowServingFaultInjection = allowFaultInjection,
                ChatModel = chatModel,
                Webhooks = webhooks ?? new Core.Net.WebhookAddressPolicy(),
            },
            Urls = "http://127.0.0.1:0",
            Jwt = jwt,
            RateLimits = rateLimits ?? new Lodestar.Server.Security.RateLimitSettings(),
        });
        await server._app.StartAsync();
        server.Address = new Uri(server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>A client authenticated as a new user with <paramref name="roles"/> (in the default tenant unless <paramref name="tenantId"/> is given).</summary>
    public async Task<HttpClient> ClientForAsync(string userId, string[] roles, string[]? groups = null, string? tenantId = null)
    {
        await Services.GetRequiredService<UserDirectory>().AddAsync(Principal.LocalAdministrator, new NewUser(userId, tenantId, groups, roles));
        var key = await Services.GetRequiredService<ApiKeyService>().CreateAsync(Principal.LocalAdministrator, userId, null, TimeSpan.FromHours(1));
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        return client;
    }

    public HttpClient Anonymous() => new() { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _owned?.Dispose();
    }
}
