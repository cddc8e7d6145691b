using System.Text.RegularExpressions;

namespace Lodestar.Governance.Privacy;

/// <summary>
/// The built-in detectors. Patterns only propose candidates and refuse to start or end inside a longer token;
/// the rules classes confirm them. Specificity: checksummed types beat structural ones, phone numbers come last.
/// </summary>
internal static partial class BuiltInPiiDetectors
{
    private const int TimeoutMilliseconds = 1000;

    private static readonly Dictionary<string, PiiDetector[]> ByType = new(StringComparer.Ordinal)
    {
        [PiiEntityTypes.Email] = [new(PiiEntityTypes.Email, EmailPattern(), 4, NetworkAddressRules.ConfirmEmail)],
        [PiiEntityTypes.Phone] =
        [
            new(PiiEntityTypes.Phone, InternationalPhonePattern(), 2, PhoneNumberRules.ConfirmInternational),
            new(PiiEntityTypes.Phone, NationalPhonePattern(), 2, PhoneNumberRules.ConfirmNational),
        ],
        [PiiEntityTypes.CreditCard] = [new(PiiEntityTypes.CreditCard, CardPattern(), 6, NumberRules.ConfirmCard)],
        [PiiEntityTypes.Iban] = [new(PiiEntityTypes.Iban, IbanPattern(), 6, NumberRules.ConfirmIban)],
        [PiiEntityTypes.UsSsn] = [new(PiiEntityTypes.UsSsn, SsnPattern(), 5, NumberRules.ConfirmSsn)],
        [PiiEntityTypes.IPv4] = [new(PiiEntityTypes.IPv4, IPv4Pattern(), 4, NetworkAddressRules.ConfirmIPv4)],
        [PiiEntityTypes.IPv6] = [new(PiiEntityTypes.IPv6, IPv6Pattern(), 4, NetworkAddressRules.ConfirmIPv6)],
    };

    public static IReadOnlyList<PiiDetector> For(string entityType) => ByType[entityType];

    [GeneratedRegex(@"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9])",
        RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w+])\+[1-9]\d{0,3}(?:[ .-]?\((?:0|\d{1,4})\))?(?:[ .-]?\d{1,5}){1,6}(?!\w|[.-]?\d)",
        RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex InternationalPhonePattern();

    [GeneratedRegex(@"(?<![\w.+/:-]|\d[ .-])(?:1[ .-])?(?:\(\d{2,5}\)[ ]?|\d{2,5}[ .-])\d{2,8}(?:[ .-]\d{2,4}){0,3}(?!\w|[./:-]?\d|[ ]\d)",
        RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex NationalPhonePattern();

    [GeneratedRegex(@"(?<![\w.-]|\d[ ])\d(?:[ -]?\d){12,18}(?!\w|[.-]\d|[ ]\d)", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}[ ]?[A-Za-z0-9]", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex IbanPattern();

    [GeneratedRegex(@"(?<![\w-])(?<area>\d{3})(?<sep>[- ])(?<group>\d{2})\k<sep>(?<serial>\d{4})(?![\w-]|[ ]\d)",
        RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex SsnPattern();

    [GeneratedRegex(@"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?!\w|\.\d)", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex IPv4Pattern();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![\w:]|\.\d)",
        RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex IPv6Pattern();
}
