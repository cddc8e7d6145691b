using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Lodestar.Governance.Identity;

/// <summary>
/// Key text: <c>lsk_</c> + 12 hex key id + <c>_</c> + 32 random bytes in base64url (43 chars). The fixed
/// layout lets a parser split it even though base64url itself may contain <c>_</c>.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "lsk_";
    private const int KeyIdBytes = 6;
    private const int SecretBytes = 32;
    private const int KeyIdLength = KeyIdBytes * 2;
    private const int SecretLength = 43;
    private const int TotalLength = 4 + KeyIdLength + 1 + SecretLength;

    public static (string KeyId, string Key) Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdBytes));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return (keyId, Prefix + keyId + "_" + secret);
    }

    /// <summary>The key id of a well-formed key, else null (no exception: presented keys are untrusted input).</summary>
    public static string? TryGetKeyId(string? presented) => IsWellFormed(presented) ? KeyIdOf(presented).ToString() : null;

    /// <summary>Whether <paramref name="presented"/> has a key's layout (no exception: presented keys are untrusted input).</summary>
    public static bool IsWellFormed([NotNullWhen(true)] string? presented)
    {
        if (presented is null || presented.Length != TotalLength || !presented.StartsWith(Prefix, StringComparison.Ordinal)
            || presented[Prefix.Length + KeyIdLength] != '_')
        {
            return false;
        }

        foreach (var c in KeyIdOf(presented))
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return Base64Url.IsValid(presented.AsSpan(Prefix.Length + KeyIdLength + 1));
    }

    /// <summary>The key id within a <see cref="IsWellFormed">well-formed</see> key, without a copy (the request path reads it on every call).</summary>
    public static ReadOnlySpan<char> KeyIdOf(string wellFormed) => wellFormed.AsSpan(Prefix.Length, KeyIdLength);

    public static byte[] Hash(string presented) => SHA256.HashData(Encoding.UTF8.GetBytes(presented));
}
