namespace Lodestar.Governance.Identity;

/// <summary>A freshly created key: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);
