using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Server.Security;
using Lodestar.Server.Tests.Http;

namespace Lodestar.Server.Tests.Security;

public sealed class AbuseLimitTests
{
    private const string Search = "/v1/knowledge-bases/default/search?q=x";

    [Fact]
    public async Task Search_RepeatedWrongKeys_AuditedWithoutSecretThenThrottledWith429()
    {
        await using var server = await LoopbackServer.StartAsync(rateLimits: new RateLimitSettings { FailedSignIns = 3 });
        const string secret = "lsk_0123456789ab_thisIsNotTheRealSecretButMustNeverBeStoredA";
        var client = server.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.GetAsync(Search)).StatusCode);
        }

        var throttled = await client.GetAsync(Search);
        var problem = await throttled.Content.ReadFromJsonAsync<JsonElement>();
        var failures = (await AuditTrailReader.ReadAsync(server.Services)).Where(r => AuditTrailReader.Action(r) == "auth.failed").ToList();

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(int.Parse(throttled.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("too many failed sign-ins", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, failures.Count);
        Assert.All(failures, record =>
        {
            Assert.Equal("0123456789ab", record.GetProperty("details").GetProperty("keyId").GetString());
            Assert.DoesNotContain("thisIsNotTheRealSecret", record.GetRawText(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Search_ThrottledAddress_RefusesEvenAValidKeyUntilTheWindowEnds()
    {
        await using var server = await LoopbackServer.StartAsync(rateLimits: new RateLimitSettings { FailedSignIns = 2 });
        var member = await server.ClientForAsync("mike", [Role.Member]);
        var wrong = server.Anonymous();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "lsk_aaaaaaaaaaaa_guess");
        await wrong.GetAsync(Search);
        await wrong.GetAsync(Search);

        var response = await member.GetAsync(Search);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task Search_PastThePerKeyLimit_Is429WithRetryAfterAndProblemDetails()
    {
        await using var server = await LoopbackServer.StartAsync(rateLimits: new RateLimitSettings { RequestsPerCredential = 3 });
        var member = await server.ClientForAsync("mike", [Role.Member]);
        var other = await server.ClientForAsync("mia", [Role.Member]);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(Search)).StatusCode);
        }

        var limited = await member.GetAsync(Search);
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(Search)).StatusCode);
    }

    [Fact]
    public async Task Search_PastThePerTenantLimit_LimitsEveryKeyOfThatTenantOnly()
    {
        await using var server = await LoopbackServer.StartAsync(rateLimits: new RateLimitSettings { RequestsPerTenant = 2 });
        var first = await server.ClientForAsync("mike", [Role.Member]);
        var second = await server.ClientForAsync("mia", [Role.Member]);
        var elsewhere = await server.ClientForAsync("olga", [Role.Member], tenantId: "other");

        await first.GetAsync(Search);
        await second.GetAsync(Search);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync(Search)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await second.GetAsync(Search)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync(Search)).StatusCode);
    }

    [Theory]
    [InlineData("LODESTAR_RATE_LIMIT_CREDENTIAL", "0")]
    [InlineData("LODESTAR_RATE_LIMIT_TENANT", "many")]
    [InlineData("LODESTAR_SIGNIN_FAILURE_LIMIT", "-1")]
    public void FromEnvironment_BadLimit_FailsAtStartUp(string name, string value)
    {
        var error = Assert.Throws<LodestarException>(() => RateLimitSettings.FromEnvironment(n => n == name ? value : null));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
