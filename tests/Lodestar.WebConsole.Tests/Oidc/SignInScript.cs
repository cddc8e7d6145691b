namespace Lodestar.WebConsole.Tests.Oidc;

/// <summary>The user the loopback provider signs in next, with which roles, and which fault it injects.</summary>
public sealed record SignInScript(string User, string[]? RoleNames = null, SignInFault Fault = SignInFault.None)
{
    public string[] Roles => RoleNames ?? ["member"];
}
