using System.Collections.Concurrent;
using Lodestar.Core;
using Lodestar.Models.Registry;

namespace Lodestar.Models.Serving;

/// <summary>
/// The live endpoints of this process, keyed by tenant and name. The request path is lock-free; at most once per
/// refresh interval one request compares the stored row version and reloads a deployment changed elsewhere.
/// </summary>
internal sealed class EndpointRuntimes(ModelRegistry registry, IEndpointStore store, ServingOptions options, TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Tenant, string Name), EndpointRuntime> _live = new();
    private readonly SemaphoreSlim _loading = new(1, 1);

    public EndpointRuntime? Find(string tenantId, string name) => _live.TryGetValue((tenantId, name), out var runtime) ? runtime : null;

    public async ValueTask<EndpointRuntime> GetAsync(string tenantId, string name, CancellationToken cancellationToken)
    {
        var interval = (long)(options.RefreshInterval.TotalSeconds * time.TimestampFrequency);
        if (_live.TryGetValue((tenantId, name), out var runtime))
        {
            if (!runtime.TryClaimRefresh(time.GetTimestamp(), interval)
                || await store.GetRowVersionAsync(tenantId, name, cancellationToken).ConfigureAwait(false) == runtime.Deployment.RowVersion)
            {
                return runtime;
            }
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var deployment = await store.GetAsync(tenantId, name, cancellationToken).ConfigureAwait(false)
                ?? throw LodestarException.NotFound($"no endpoint named '{name}'; deploy a model to it first");
            if (_live.TryGetValue((tenantId, name), out var current) && current.Deployment.RowVersion == deployment.RowVersion)
            {
                return current;
            }

            var built = await BuildAsync(deployment, current, cancellationToken).ConfigureAwait(false);
            await InstallAsync(built).ConfigureAwait(false);
            return built;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Loads (and warms up) every version of <paramref name="deployment"/>, reusing runners of <paramref name="previous"/> that still fit.</summary>
    public async Task<EndpointRuntime> BuildAsync(EndpointDeployment deployment, EndpointRuntime? previous, CancellationToken cancellationToken)
    {
        var primary = await RunnerAsync(deployment.Primary, deployment, previous, cancellationToken).ConfigureAwait(false);
        var canary = deployment.Canary is { } c ? await RunnerAsync(c, deployment, previous, cancellationToken).ConfigureAwait(false) : null;
        var shadow = deployment.Shadow is { } s ? await RunnerAsync(s, deployment, previous, cancellationToken).ConfigureAwait(false) : null;
        return new EndpointRuntime(deployment, primary, canary, shadow, time.GetTimestamp());
    }

    /// <summary>Makes <paramref name="runtime"/> live and closes the runners of the runtime it replaces that it does not reuse.</summary>
    public async Task InstallAsync(EndpointRuntime runtime)
    {
        var key = (runtime.Deployment.TenantId, runtime.Deployment.Name);
        _live.TryGetValue(key, out var replaced);
        _live[key] = runtime;
        if (replaced is null)
        {
            return;
        }

        foreach (var runner in replaced.Runners)
        {
            if (!runtime.Runners.Contains(runner))
            {
                await runner.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var runner in _live.Values.SelectMany(r => r.Runners).Distinct())
        {
            await runner.DisposeAsync().ConfigureAwait(false);
        }

        _live.Clear();
        _loading.Dispose();
    }

    private async Task<VersionRunner> RunnerAsync(ServedVersion served, EndpointDeployment deployment, EndpointRuntime? previous, CancellationToken cancellationToken) =>
        previous?.Runners.FirstOrDefault(r => r.Serves(served, deployment.MaxBatchSize, deployment.MaxWaitMs))
        ?? await VersionRunner.LoadAsync(registry, served, deployment.MaxBatchSize, deployment.MaxWaitMs, time, cancellationToken).ConfigureAwait(false);
}
