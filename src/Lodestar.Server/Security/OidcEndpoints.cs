namespace Lodestar.Server.Security;

/// <summary>The two provider endpoints the console's code flow uses, from the discovery document.</summary>
internal sealed record OidcEndpoints(Uri Authorization, Uri Token);
