using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lodestar.Governance.Identity;
using Microsoft.AspNetCore.DataProtection;

namespace Lodestar.Server.Security;

/// <summary>
/// What a started console sign-in must remember until the provider sends the browser back: the state and nonce it
/// sent, the PKCE verifier it kept, where to go afterwards and when it began. Kept in an encrypted, authenticated cookie,
/// so any node can finish a sign-in another node started (they share the data-protection keys).
/// </summary>
internal sealed record OidcSignInState(string State, string Nonce, string Verifier, string ReturnUrl, DateTimeOffset StartedAt)
{
    public const string CookieName = "lodestar.console.oidc";
    private const string Purpose = "Lodestar.Console.Oidc.v1";

    public static OidcSignInState Start(string returnUrl, DateTimeOffset now) =>
        new(RandomToken(), RandomToken(), RandomToken(), returnUrl, now);

    /// <summary>The S256 PKCE challenge: base64url(SHA-256(verifier)) (RFC 7636 §4.2).</summary>
    public string Challenge => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier)));

    public string Protect(IDataProtectionProvider protection) =>
        protection.CreateProtector(Purpose).Protect(JsonSerializer.Serialize(this));

    /// <summary>The state in <paramref name="cookie"/>, or null when it is missing, tampered with or from other keys.</summary>
    public static OidcSignInState? Unprotect(IDataProtectionProvider protection, string? cookie)
    {
        if (string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<OidcSignInState>(protection.CreateProtector(Purpose).Unprotect(cookie));
        }
        catch (Exception error) when (error is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public bool Matches(string? state) =>
        state is not null && ConstantTimeText.Matches(state, State);

    // 32 random bytes: the verifier needs 43–128 characters (RFC 7636 §4.1); state and nonce must be unguessable.
    private static string RandomToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
