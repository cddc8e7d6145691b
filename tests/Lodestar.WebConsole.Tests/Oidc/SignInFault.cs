namespace Lodestar.WebConsole.Tests.Oidc;

/// <summary>What the loopback provider gets wrong on purpose.</summary>
public enum SignInFault
{
    None,
    WrongState,
    WrongNonce,
    Expired,
    WrongAudience,
}
