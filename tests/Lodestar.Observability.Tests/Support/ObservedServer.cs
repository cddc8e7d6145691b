using System.Net.Http.Headers;
using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Models.Providers;
using Lodestar.Server;
using Lodestar.Server.Composition;
using Lodestar.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Observability.Tests.Support;

/// <summary>
/// The real Lodestar server on a loopback port with a fresh data directory, optionally a price table and a chat model,
/// and helpers to mint keys for users of any tenant.
/// </summary>
internal sealed class ObservedServer : IAsyncDisposable
{
    private readonly TemporaryDirectory _data = new();
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public string DataDirectory => _data.Path;

    public static async Task<ObservedServer> StartAsync(Uri? chatModel = null, string? pricesJson = null)
    {
        var server = new ObservedServer();
        if (pricesJson is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(server._data.Path, "prices.json"), pricesJson);
        }

        server._app = LodestarServer.Build(new LodestarServerOptions
        {
            Host = new LodestarHostOptions
            {
                DataDirectory = server._data.Path,
                Embeddings = EmbeddingSource.None,
                ChatModel = chatModel is null ? null : new OpenAICompatibleOptions(chatModel, null, "tiny-chat", TimeSpan.FromSeconds(10), MaxRetries: 0),
                // Webhook tests register loopback receivers, which only an explicit allowance permits.
                Webhooks = Core.Net.WebhookAddressPolicy.AllowingPrivate,
            },
            Urls = "http://127.0.0.1:0",
        });
        await server._app.StartAsync();
        server.Address = new Uri(server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>A client for a new user of <paramref name="tenant"/> with <paramref name="roles"/>, and its API key id.</summary>
    public async Task<(HttpClient Client, string KeyId)> ClientForAsync(string userId, string[] roles, string tenant = Principal.DefaultTenant)
    {
        var admin = new Principal(tenant, "admin", [], [Role.Admin]);
        await Services.GetRequiredService<UserDirectory>().AddAsync(admin, new NewUser(userId, tenant, Roles: roles));
        var key = await Services.GetRequiredService<ApiKeyService>().CreateAsync(admin, userId, null, TimeSpan.FromHours(1));
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        return (client, ApiKeyFormat.TryGetKeyId(key.Secret)!);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _data.Dispose();
    }
}
