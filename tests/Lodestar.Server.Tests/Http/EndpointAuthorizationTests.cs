using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Tests.Http;

/// <summary>Every endpoint states who may call it: a new endpoint without a policy fails here.</summary>
public sealed class EndpointAuthorizationTests
{
    private static readonly HashSet<string> Anonymous = new(StringComparer.Ordinal) { "/healthz", "/readyz", "/openapi/{documentName}.json", "/", "/console/sign-in", "/console/assets/{name}" };

    [Fact]
    public async Task EveryEndpoint_NamesAPolicyOrIsDeliberatelyAnonymous()
    {
        await using var server = await LoopbackServer.StartAsync();
        var endpoints = server.Services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>().ToList();

        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText ?? string.Empty;
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).FirstOrDefault(p => p is not null);
            if (Anonymous.Contains(route))
            {
                Assert.True(anonymous, $"{route} should be anonymous");
            }
            else
            {
                Assert.False(anonymous, $"{route} must not be anonymous");
                Assert.True(policy is not null, $"{route} names no authorization policy");
            }
        }
    }

    [Fact]
    public async Task EveryProtectedEndpoint_RejectsAnonymousCallersWith401()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };
        var endpoints = server.Services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(endpoint => !Anonymous.Contains(endpoint.RoutePattern.RawText ?? string.Empty));

        foreach (var endpoint in endpoints)
        {
            var path = (endpoint.RoutePattern.RawText ?? string.Empty).Replace("{kb}", "default", StringComparison.Ordinal);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                // Endpoints under a console (cookie) policy send a browser to the sign-in page instead.
                var signInRedirect = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.AbsolutePath == "/console/sign-in";
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized || signInRedirect, $"{method} {path} answered {(int)response.StatusCode} to an anonymous caller");
            }
        }
    }
}
