using System.Net;
using Lodestar.Core;
using Lodestar.Core.Net;
using Lodestar.Testing;

namespace Lodestar.Observability.Tests.Alerts;

public sealed class WebhookAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("100.64.0.1")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    public void IsRestricted_InternalAddress_IsTrue(string address)
    {
        Assert.True(WebhookAddressPolicy.IsRestricted(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("169.255.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("fe00::1")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsRestricted_PublicAddress_IsFalse(string address)
    {
        Assert.False(WebhookAddressPolicy.IsRestricted(IPAddress.Parse(address)));
    }

    [Fact]
    public void Permits_AllowListedHostOrRange_AllowsOnlyThose()
    {
        var policy = new WebhookAddressPolicy(allowed: ["hooks.internal", "10.20.0.0/16", "fd00::/8"]);

        Assert.True(policy.Permits("hooks.internal", IPAddress.Parse("10.9.9.9")));
        Assert.True(policy.Permits("other", IPAddress.Parse("10.20.3.4")));
        Assert.True(policy.Permits("other", IPAddress.Parse("::ffff:10.20.3.4")));
        Assert.True(policy.Permits("other", IPAddress.Parse("fd00::5")));
        Assert.False(policy.Permits("other", IPAddress.Parse("10.21.0.1")));
        Assert.False(policy.Permits("other", IPAddress.Parse("127.0.0.1")));
        Assert.True(WebhookAddressPolicy.AllowingPrivate.Permits("other", IPAddress.Loopback));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("not-an-ip/8")]
    [InlineData("10.0.0.0/x")]
    public void Constructor_BadRange_IsInvalid(string range)
    {
        var error = Assert.Throws<LodestarException>(() => new WebhookAddressPolicy(allowed: [range]));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data")]
    [InlineData("https://localhost/hook")]
    [InlineData("http://192.168.0.10/")]
    public async Task CheckAsync_InternalTarget_IsRefusedNamingTheAllowance(string url)
    {
        var error = await Assert.ThrowsAsync<LodestarException>(() => new WebhookAddressPolicy().CheckAsync(url));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains(WebhookAddressPolicy.AllowPrivateVariable, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://8.8.8.8/hook")]
    [InlineData("https://[2001:4860:4860::8888]/hook")]
    public async Task CheckAsync_PublicAddress_IsAccepted(string url)
    {
        Assert.Equal(new Uri(url), await new WebhookAddressPolicy().CheckAsync(url));
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative")]
    [InlineData(null)]
    public async Task CheckAsync_NotHttp_IsInvalid(string? url)
    {
        await Assert.ThrowsAsync<LodestarException>(() => new WebhookAddressPolicy().CheckAsync(url));
    }

    [Fact]
    public async Task CreateClient_LoopbackReceiver_RefusedAtConnectUnlessAllowed()
    {
        await using var receiver = new ScriptedHttpServer(e => e.ReplyAsync(204, string.Empty));
        using var strict = new WebhookAddressPolicy().CreateClient(TimeSpan.FromSeconds(10));
        using var allowing = WebhookAddressPolicy.AllowingPrivate.CreateClient(TimeSpan.FromSeconds(10));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => strict.PostAsync(receiver.BaseUrl, new StringContent("{}")));
        Assert.Empty(receiver.Requests);
        using var allowed = await allowing.PostAsync(receiver.BaseUrl, new StringContent("{}"));

        Assert.Contains("127.0.0.1", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task CreateClient_Redirect_IsNotFollowed()
    {
        await using var receiver = new ScriptedHttpServer(async e =>
        {
            e.Context.Response.Headers["Location"] = "http://169.254.169.254/latest/meta-data";
            await e.ReplyAsync(302, string.Empty);
        });
        using var client = WebhookAddressPolicy.AllowingPrivate.CreateClient(TimeSpan.FromSeconds(10));

        using var response = await client.PostAsync(receiver.BaseUrl, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Single(receiver.Requests);
    }
}
