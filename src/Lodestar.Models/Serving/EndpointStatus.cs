namespace Lodestar.Models.Serving;

/// <summary>An endpoint's deployment plus live per-version stats (empty when this process has not served it yet).</summary>
public sealed record EndpointStatus(EndpointDeployment Deployment, IReadOnlyList<VersionStatus> Versions);
