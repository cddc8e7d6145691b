using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lodestar.Observability.Tests.Support;

/// <summary>A real Kestrel server on a free loopback port that answers every request with a scripted handler and keeps the bodies it received.</summary>
internal sealed class LoopbackEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackEndpoint(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public List<(string Path, string Body)> Received { get; } = [];

    /// <summary><paramref name="handler"/> gets the request number (0-based), the path and the body, and writes the reply.</summary>
    public static async Task<LoopbackEndpoint> StartAsync(Func<int, string, string, HttpResponse, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var endpoint = new LoopbackEndpoint(builder.Build());
        endpoint._app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            int number;
            lock (endpoint.Received)
            {
                number = endpoint.Received.Count;
                endpoint.Received.Add((context.Request.Path.Value ?? string.Empty, body));
            }

            await handler(number, context.Request.Path.Value ?? string.Empty, body, context.Response);
        });
        await endpoint._app.StartAsync();
        endpoint.Address = new Uri(endpoint._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return endpoint;
    }

    /// <summary>An OpenAI-compatible chat endpoint answering "[1]"-cited text with the given token usage.</summary>
    public static Task<LoopbackEndpoint> ChatModelAsync(int promptTokens, int completionTokens) =>
        StartAsync((_, _, _, response) =>
        {
            response.ContentType = "application/json";
            return response.WriteAsync(
                $$$"""{"id":"c1","model":"tiny-chat","choices":[{"index":0,"message":{"role":"assistant","content":"Refunds are possible within 30 days [1]."},"finish_reason":"stop"}],"usage":{"prompt_tokens":{{{promptTokens}}},"completion_tokens":{{{completionTokens}}},"total_tokens":{{{promptTokens + completionTokens}}}}}""");
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
