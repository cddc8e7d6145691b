using System.Buffers.Text;
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
    public static string? TryGetKeyId(string? presented)
    {
        if (presented is null || presented.Length != TotalLength || !presented.StartsWith(Prefix, StringComparison.Ordinal)
            || presented[Prefix.Length + KeyIdLength] != '_')
        {
            return null;
        }

        var keyId = presented.AsSpan(Prefix.Length, KeyIdLength);
        foreach (var c in keyId)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return null;
            }
        }

        return Base64Url.IsValid(presented.AsSpan(Prefix.Length + KeyIdLength + 1)) ? keyId.ToString() : null;
    }

    public static byte[] Hash(string presented) => SHA256.HashData(Encoding.UTF8.GetBytes(presented));
}
