using Lodestar.Core;
using Lodestar.Server.Security;

namespace Lodestar.WebConsole.Tests.Oidc;

public sealed class ConsoleOidcSettingsTests
{
    private static readonly JwtBearerSettings Jwt = new() { Issuer = "https://idp.example", Audience = "api", JwksUrl = new Uri("https://idp.example/jwks") };

    [Fact]
    public void FromEnvironment_NoClientId_IsOff() =>
        Assert.Null(ConsoleOidcSettings.FromEnvironment(_ => null));

    [Fact]
    public void FromEnvironment_AllSet_ReadsClientSecretRedirectAndScopes()
    {
        var environment = new Dictionary<string, string>
        {
            ["LODESTAR_OIDC_CLIENT_ID"] = " console ",
            ["LODESTAR_OIDC_CLIENT_SECRET"] = "s3cret",
            ["LODESTAR_OIDC_REDIRECT_URI"] = "https://lodestar.example/console/signin-oidc",
            ["LODESTAR_OIDC_SCOPES"] = "openid, profile groups",
        };

        var settings = ConsoleOidcSettings.FromEnvironment(environment.GetValueOrDefault)!;

        Assert.Equal(("console", "s3cret", "https://lodestar.example/console/signin-oidc"), (settings.ClientId, settings.ClientSecret, settings.RedirectUri!.AbsoluteUri));
        Assert.Equal(["openid", "profile", "groups"], settings.Scopes);
        settings.Validate(Jwt);
    }

    [Fact]
    public void FromEnvironment_RelativeRedirect_IsAClearError()
    {
        var error = Assert.Throws<LodestarException>(() => ConsoleOidcSettings.FromEnvironment(name => name switch
        {
            "LODESTAR_OIDC_CLIENT_ID" => "console",
            "LODESTAR_OIDC_REDIRECT_URI" => "/console/signin-oidc",
            _ => null,
        }));

        Assert.Contains("LODESTAR_OIDC_REDIRECT_URI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WithoutJwtTrustOrOpenidScope_FailsStartUp()
    {
        Assert.Contains("LODESTAR_OIDC_ISSUER", Assert.Throws<LodestarException>(() => new ConsoleOidcSettings { ClientId = "c" }.Validate(null)).Message, StringComparison.Ordinal);
        Assert.Contains("openid", Assert.Throws<LodestarException>(() => new ConsoleOidcSettings { ClientId = "c", Scopes = ["profile"] }.Validate(Jwt)).Message, StringComparison.Ordinal);
    }
}
