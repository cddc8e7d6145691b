namespace Lodestar.Governance.Privacy;

/// <summary>The built-in entity types; their names are also the <c>&lt;TYPE&gt;</c> replacement text.</summary>
public static class PiiEntityTypes
{
    public const string Email = "EMAIL";
    public const string Phone = "PHONE";
    public const string CreditCard = "CREDIT_CARD";
    public const string Iban = "IBAN";
    public const string UsSsn = "US_SSN";
    public const string IPv4 = "IPV4";
    public const string IPv6 = "IPV6";

    public static IReadOnlyList<string> BuiltIn { get; } = [Email, Phone, CreditCard, Iban, UsSsn, IPv4, IPv6];
}
