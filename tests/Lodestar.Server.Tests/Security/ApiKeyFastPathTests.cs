using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Governance.Identity;
using Lodestar.Server.Security;
using Lodestar.Server.Tests.Http;
using Lodestar.Server.Tests.Serving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Tests.Security;

/// <summary>
/// The fast path serves a marked endpoint only when the full pipeline would serve it too; every other request falls
/// through to the full pipeline (which answers 401, 403 or 429 and audits as usual).
/// </summary>
public sealed class ApiKeyFastPathTests
{
    [Fact]
    public async Task Invoke_MemberKeyOnMarkedReadEndpoint_ServesWithoutTheFullPipelineAsTheKeysUser()
    {
        await using var server = await LoopbackServer.StartAsync();
        var key = await KeyForAsync(server, "mike", Role.Member);

        var (served, fellThrough, context) = await InvokeAsync(server, key, Marked(Policies.Read));

        Assert.True(served);
        Assert.False(fellThrough);
        var user = Assert.IsType<SignedInUser>(context.User);
        Assert.Equal(("mike", PrincipalClaims.KeyCredentialPrefix + ApiKeyFormat.TryGetKeyId(key)), (user.Principal.UserId, user.Credential));
    }

    [Theory]
    [InlineData("no key")]
    [InlineData("wrong key")]
    [InlineData("missing role")]
    [InlineData("unmarked endpoint")]
    [InlineData("policy beyond roles")]
    [InlineData("token, not a key")]
    public async Task Invoke_AnythingTheFastPathDoesNotDecide_FallsThroughUnchanged(string situation)
    {
        await using var server = await LoopbackServer.StartAsync();
        var member = await KeyForAsync(server, "mike", Role.Member);
        var auditor = await KeyForAsync(server, "aude", Role.Auditor);
        var (key, endpoint) = situation switch
        {
            "no key" => (string.Empty, Marked(Policies.Read)),
            "wrong key" => (member[..^4] + "AAAA", Marked(Policies.Read)),
            "missing role" => (auditor, Marked(Policies.Read)),
            "unmarked endpoint" => (member, Endpoint(new AuthorizeAttribute(Policies.Read))),
            "policy beyond roles" => (member, Marked(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(_ => true).Build())),
            _ => ("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtaWtlIn0.c2ln", Marked(Policies.Read)),
        };

        var (served, fellThrough, context) = await InvokeAsync(server, key, endpoint);

        Assert.Equal((false, true), (served, fellThrough));
        Assert.IsNotType<SignedInUser>(context.User);
    }

    [Fact]
    public async Task Invoke_AfterARecentFailedSignIn_LeavesTheThrottleToTheFullPipeline()
    {
        await using var server = await LoopbackServer.StartAsync();
        var member = await KeyForAsync(server, "mike", Role.Member);
        server.Services.GetRequiredService<SignInThrottle>().RecordFailure(["ip:192.0.2.1"]);

        var (served, fellThrough, _) = await InvokeAsync(server, member, Marked(Policies.Read));

        Assert.Equal((false, true), (served, fellThrough));
    }

    [Fact]
    public async Task Predict_PastThePerKeyLimit_SharesPermitsWithTheFullPipelineAndGets429()
    {
        await using var server = await LoopbackServer.StartAsync(rateLimits: new RateLimitSettings { RequestsPerCredential = 3 });
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var admin = await server.ClientForAsync("root", [Role.Admin]);
        var member = await server.ClientForAsync("mike", [Role.Member]);
        await admin.PutAsJsonAsync("/v1/endpoints/churn-api", new { model = "churn" });

        // One search through the full pipeline, two predictions through the fast path: three permits of one window.
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/v1/knowledge-bases/default/search?q=x")).StatusCode);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await member.PostAsJsonAsync("/v1/endpoints/churn-api/predict", new { rows = ChurnData.Rows(1) })).StatusCode);
        }

        var limited = await member.PostAsJsonAsync("/v1/endpoints/churn-api/predict", new { rows = ChurnData.Rows(1) });
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Predict_WrongKeyOrMissingRole_GetsTheFullPipelinesAnswersAndTheFailureIsAudited()
    {
        await using var server = await LoopbackServer.StartAsync();
        await ChurnData.TrainTwoVersionsAsync(server, "churn");
        var admin = await server.ClientForAsync("root", [Role.Admin]);
        var auditor = await server.ClientForAsync("aude", [Role.Auditor]);
        await admin.PutAsJsonAsync("/v1/endpoints/churn-api", new { model = "churn" });
        var wrong = server.Anonymous();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "lsk_0123456789ab_notTheSecretOfAnyKeyAtAllJustAGuessOfOurs1A");

        var unauthorized = await wrong.PostAsJsonAsync("/v1/endpoints/churn-api/predict", new { rows = ChurnData.Rows(1) });
        var forbidden = await auditor.PostAsJsonAsync("/v1/endpoints/churn-api/predict", new { rows = ChurnData.Rows(1) });
        var served = await admin.PostAsJsonAsync("/v1/endpoints/churn-api/predict", new { rows = ChurnData.Rows(1) });
        var failures = (await AuditTrailReader.ReadAsync(server.Services)).Where(r => AuditTrailReader.Action(r) == "auth.failed").ToList();

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.OK), (unauthorized.StatusCode, forbidden.StatusCode, served.StatusCode));
        Assert.Equal("0123456789ab", Assert.Single(failures).GetProperty("details").GetProperty("keyId").GetString());
    }

    private static async Task<string> KeyForAsync(LoopbackServer server, string userId, string role)
    {
        await server.Services.GetRequiredService<UserDirectory>().AddAsync(Principal.LocalAdministrator, new NewUser(userId, Roles: [role]));
        return (await server.Services.GetRequiredService<ApiKeyService>().CreateAsync(Principal.LocalAdministrator, userId, null, TimeSpan.FromHours(1))).Secret;
    }

    /// <summary>Runs the server's own fast path (its authenticator, throttle, limits and policies) on one request to <paramref name="endpoint"/>.</summary>
    private static async Task<(bool Served, bool FellThrough, HttpContext Context)> InvokeAsync(LoopbackServer server, string key, RouteEndpoint endpoint)
    {
        var fellThrough = false;
        var fastPath = ActivatorUtilities.CreateInstance<ApiKeyFastPath>(server.Services, new RequestDelegate(_ =>
        {
            fellThrough = true;
            return Task.CompletedTask;
        }));
        var context = new DefaultHttpContext { RequestServices = server.Services };
        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.1");
        if (key.Length > 0)
        {
            context.Request.Headers.Authorization = "Bearer " + key;
        }

        var served = false;
        context.SetEndpoint(new RouteEndpoint(_ =>
        {
            served = true;
            return Task.CompletedTask;
        }, endpoint.RoutePattern, 0, endpoint.Metadata, endpoint.DisplayName));
        await fastPath.InvokeAsync(context);
        return (served, fellThrough, context);
    }

    private static RouteEndpoint Marked(object authorization) => Endpoint(
        authorization is string policy ? new AuthorizeAttribute(policy) : authorization, new ApiKeyFastPathMetadata());

    private static RouteEndpoint Endpoint(params object[] metadata) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse("/v1/test/{name}"), 0, new EndpointMetadataCollection(metadata), "test");
}
