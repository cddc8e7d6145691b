using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Lodestar.Governance.Privacy;

/// <summary>Confirms address candidates: e-mail domains that are not file names, valid IPv4 octets, real IPv6 syntax.</summary>
internal static class NetworkAddressRules
{
    private static readonly string[] VersionWords = ["version", "ver", "v", "release", "build", "firmware", "patch"];

    // Asset names such as "logo@2x.png" look like addresses; no real top-level domain is one of these.
    private static readonly string[] FileExtensions = ["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "pdf", "zip", "txt"];

    public static int ConfirmEmail(string text, Match match)
    {
        var value = match.ValueSpan;
        var topLevel = value[(value.LastIndexOf('.') + 1)..];
        foreach (var extension in FileExtensions)
        {
            if (topLevel.Equals(extension, StringComparison.OrdinalIgnoreCase))
            {
                return 0;
            }
        }

        return match.Length;
    }

    /// <summary>Four octets of 0–255 without leading zeros, not introduced by a word such as "version".</summary>
    public static int ConfirmIPv4(string text, Match match)
    {
        foreach (var range in match.ValueSpan.Split('.'))
        {
            var octet = match.ValueSpan[range];
            if ((octet.Length > 1 && octet[0] == '0') || int.Parse(octet, NumberStyles.None, CultureInfo.InvariantCulture) > 255)
            {
                return 0;
            }
        }

        return FollowsVersionWord(text, match.Index) ? 0 : match.Length;
    }

    public static int ConfirmIPv6(string text, Match match)
    {
        var value = match.ValueSpan;
        // A sentence may put a colon right after an address ("fe80::1: down"); drop it and retry.
        if (value.Length > 2 && value[^1] == ':' && value[^2] != ':')
        {
            value = value[..^1];
        }

        return value.IndexOfAnyExcept(":.") >= 0
            && IPAddress.TryParse(value, out var address)
            && address.AddressFamily == AddressFamily.InterNetworkV6
            ? value.Length
            : 0;
    }

    private static bool FollowsVersionWord(string text, int index)
    {
        var end = index;
        while (end > 0 && text[end - 1] is ' ' or ':' or '=')
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsAsciiLetter(text[start - 1]))
        {
            start--;
        }

        var word = text.AsSpan(start, end - start);
        foreach (var versionWord in VersionWords)
        {
            if (word.Equals(versionWord, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
