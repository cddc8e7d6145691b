using System.Runtime.InteropServices;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Models.Registry;
using Lodestar.Models.Training;

namespace Lodestar.Models.Serving;

/// <summary>
/// Model serving, shared by the HTTP API and the CLI: deploy versions to named endpoints (with canary and shadow),
/// predict with micro-batching, explanations and sampled logging, roll back, and report per-version health.
/// </summary>
public sealed class ModelServing : IAsyncDisposable
{
    private readonly ModelRegistry _registry;
    private readonly IEndpointStore _store;
    private readonly IPredictionLogReader _reader;
    private readonly IAuditLog _audit;
    private readonly ServingOptions _options;
    private readonly TimeProvider _time;
    private readonly EndpointRuntimes _runtimes;
    private readonly EndpointRollback _rollback;
    private readonly PredictionLogger _log;

    public ModelServing(ModelRegistry registry, IEndpointStore store, IPredictionLogStore log, IAuditLog audit, IEnumerable<IAlertSink> alerts, ServingOptions options, TimeProvider time)
    {
        _registry = registry;
        _store = store;
        _reader = log;
        _audit = audit;
        _options = options;
        _time = time;
        _runtimes = new EndpointRuntimes(registry, store, options, time);
        _rollback = new EndpointRollback(store, _runtimes, audit, alerts, time);
        _log = new PredictionLogger(log);
    }

    /// <summary>Resolves, loads and warms up every version first, so a model that cannot serve never takes traffic.</summary>
    public async Task<EndpointDeployment> DeployAsync(Principal actor, string name, DeployRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        ModelNames.Validate(name, "endpoint");
        var existing = await _store.GetAsync(actor.TenantId, name, cancellationToken).ConfigureAwait(false);
        var primary = await ResolveAsync(request.Model, request.Fault, cancellationToken).ConfigureAwait(false);
        var canary = request.Canary is { } c ? await ResolveAsync(c.Model, c.Fault, cancellationToken).ConfigureAwait(false) : null;
        var shadow = request.Shadow is { } s ? await ResolveAsync(s.Model, s.Fault, cancellationToken).ConfigureAwait(false) : null;
        if (canary is not null && request.Canary!.Weight is < 1 or > 99)
        {
            throw LodestarException.Invalid("canary weight must be a percentage between 1 and 99");
        }

        var deployment = new EndpointDeployment(
            actor.TenantId,
            name,
            primary,
            canary,
            canary is null ? 0 : request.Canary!.Weight,
            shadow,
            existing is null ? null : existing.Primary == primary ? existing.PreviousPrimary : existing.Primary,
            (request.Slo ?? existing?.Slo ?? new EndpointSlo()).Validated(),
            Within(request.MaxBatchSize ?? existing?.MaxBatchSize ?? _options.DefaultMaxBatchSize, 1, 100_000, "maxBatchSize"),
            Within(request.MaxWaitMs ?? existing?.MaxWaitMs ?? _options.DefaultMaxWaitMs, 0, 1000, "maxWaitMs"),
            Within(request.MaxConcurrency ?? existing?.MaxConcurrency ?? _options.DefaultMaxConcurrency, 1, 100_000, "maxConcurrency"),
            request.LogSampleRate ?? existing?.LogSampleRate ?? _options.DefaultLogSampleRate,
            null,
            _time.GetUtcNow());
        if (deployment.LogSampleRate is < 0 or > 1 || double.IsNaN(deployment.LogSampleRate))
        {
            throw LodestarException.Invalid("logSampleRate must be between 0 and 1");
        }

        var runtime = await _runtimes.BuildAsync(deployment, _runtimes.Find(actor.TenantId, name), cancellationToken).ConfigureAwait(false);
        var saved = await _store.SaveAsync(deployment, existing?.RowVersion ?? 0, cancellationToken).ConfigureAwait(false);
        await _runtimes.InstallAsync(new EndpointRuntime(saved, runtime.Primary, runtime.Canary, runtime.Shadow, _time.GetTimestamp())).ConfigureAwait(false);
        var details = new Dictionary<string, string> { ["primary"] = primary.ToString() };
        if (canary is not null)
        {
            details["canary"] = $"{canary} ({deployment.CanaryWeight}%)";
        }

        if (shadow is not null)
        {
            details["shadow"] = shadow.ToString();
        }

        await _audit.AppendAsync(new AuditEvent(actor.TenantId, actor.UserId, "endpoint.deploy", "endpoint:" + name, details), cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <summary>Scores JSON rows (an array of objects keyed by input column) on the version the traffic split picks.</summary>
    public Task<PredictResult> PredictAsync(Principal caller, string name, JsonElement rows, bool explain = false, CancellationToken cancellationToken = default) =>
        PredictAsync(caller, name, rows.ValueKind == JsonValueKind.Undefined ? ReadOnlyMemory<byte>.Empty : JsonMarshal.GetRawUtf8Value(rows).ToArray(), explain, cancellationToken);

    /// <summary>
    /// Scores a predict request body, <c>{"rows": [...], "explain": false}</c> as UTF-8 (the HTTP path: no document,
    /// no binding). The caller may reuse <paramref name="requestJson"/> once the task completes.
    /// </summary>
    public ValueTask<PredictResult> PredictRequestAsync(Principal caller, string name, ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default) =>
        ScoreAsync(caller, name, requestJson, wholeRequest: true, explain: false, cancellationToken);

    /// <summary>Scores rows given as the UTF-8 JSON array; the caller may reuse <paramref name="rowsJson"/> once the task completes.</summary>
    public Task<PredictResult> PredictAsync(Principal caller, string name, ReadOnlyMemory<byte> rowsJson, bool explain = false, CancellationToken cancellationToken = default) =>
        ScoreAsync(caller, name, rowsJson, wholeRequest: false, explain, cancellationToken).AsTask();

    /// <summary>
    /// Scores <paramref name="json"/>: a whole request body (rows and explain flag read in one pass with the serving
    /// version's schema) or just the rows array.
    /// </summary>
    private async ValueTask<PredictResult> ScoreAsync(Principal caller, string name, ReadOnlyMemory<byte> json, bool wholeRequest, bool explain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var runtime = await _runtimes.GetAsync(caller.TenantId, name, cancellationToken).ConfigureAwait(false);
        if (!runtime.TryEnter())
        {
            throw new LodestarException(ErrorKind.TooManyRequests,
                $"endpoint '{name}' is at its concurrency limit of {runtime.Deployment.MaxConcurrency} requests in flight; retry shortly");
        }

        try
        {
            var runner = runtime.Choose();
            var rowsJson = json;
            DecodedRows decoded;
            if (wholeRequest)
            {
                (var rows, explain, decoded) = PredictRequestJson.Parse(json.Span, runner.Schema, _options.MaxRowsPerRequest);
                rowsJson = json[rows];
            }
            else
            {
                decoded = RowDecoder.Decode(json.Span, runner.Schema, _options.MaxRowsPerRequest);
            }

            double[] predictions;
            try
            {
                predictions = await runner.PredictAsync(decoded, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (ReferenceEquals(runner, runtime.Canary))
                {
                    _rollback.CheckCanary(runtime);
                }
            }

            if (runtime.Shadow is { } shadow)
            {
                // The mirror runs after the answer, so it gets its own copy of the rows.
                _ = MirrorAsync(shadow, rowsJson.ToArray());
            }

            Log(runtime.Deployment, runner.Version, rowsJson.Span, decoded, predictions);
            return new PredictResult(name, runner.Version.Model, runner.Version.Version, predictions, explain ? Explain(runner.Model, decoded) : null);
        }
        finally
        {
            runtime.Exit();
        }
    }

    public Task<EndpointDeployment> RollbackAsync(Principal actor, string name, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return _rollback.ManualAsync(actor, name, reason, cancellationToken);
    }

    public async Task<EndpointStatus> GetStatusAsync(Principal caller, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var deployment = await _store.GetAsync(caller.TenantId, name, cancellationToken).ConfigureAwait(false)
            ?? throw LodestarException.NotFound($"no endpoint named '{name}'");
        var versions = new List<VersionStatus>();
        if (_runtimes.Find(caller.TenantId, name) is { } runtime)
        {
            var window = TimeSpan.FromSeconds(deployment.Slo.WindowSeconds);
            Add("primary", runtime.Primary);
            Add("canary", runtime.Canary);
            Add("shadow", runtime.Shadow);

            void Add(string role, VersionRunner? runner)
            {
                if (runner is not null)
                {
                    versions.Add(new VersionStatus(role, runner.Version, runner.Window.Snapshot(window), runner.Batches, runner.BatchedRows));
                }
            }
        }

        return new EndpointStatus(deployment, versions);
    }

    public Task<IReadOnlyList<EndpointDeployment>> ListAsync(Principal caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return _store.ListAsync(caller.TenantId, cancellationToken);
    }

    /// <summary>
    /// Writes the endpoint's logged predictions (the newest <paramref name="limit"/>, optionally since a time) to a CSV
    /// on the server, e.g. as the current window of a drift report. Returns the number of rows written.
    /// </summary>
    public async Task<int> ExportPredictionsAsync(Principal actor, string name, string path, DateTimeOffset? since = null, int limit = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw LodestarException.Invalid("give 'path': where on the server to write the CSV");
        }

        _ = await _store.GetAsync(actor.TenantId, name, cancellationToken).ConfigureAwait(false) ?? throw LodestarException.NotFound($"no endpoint named '{name}'");
        await _log.FlushAsync(cancellationToken).ConfigureAwait(false);
        var rows = await _reader.ReadAsync(new PredictionLogQuery(actor.TenantId, name, Since: since, Limit: limit), cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            throw LodestarException.NotFound($"endpoint '{name}' has no logged predictions in that window (is its logSampleRate above 0?)");
        }

        await PredictionLogExport.WriteCsvAsync(rows, path, cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    /// <summary>Waits until sampled predictions queued so far are stored (for readers that need them now).</summary>
    public Task FlushPredictionLogAsync(CancellationToken cancellationToken = default) => _log.FlushAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _runtimes.DisposeAsync().ConfigureAwait(false);
        await _log.DisposeAsync().ConfigureAwait(false);
    }

    private static int Within(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw LodestarException.Invalid($"{name} must be between {min} and {max} (got {value})");

    private static List<Explanation> Explain(TabularModel model, DecodedRows rows)
    {
        var table = rows.ToFeatureTable(model.Signature.Inputs);
        var explanations = new List<Explanation>(rows.RowCount);
        for (var r = 0; r < rows.RowCount; r++)
        {
            explanations.Add(model.Explain(table, r));
        }

        return explanations;
    }

    private static async Task MirrorAsync(VersionRunner shadow, byte[] rows)
    {
        try
        {
            await shadow.PredictAsync(RowDecoder.Decode(rows, shadow.Schema, int.MaxValue), CancellationToken.None).ConfigureAwait(false);
        }
        catch (LodestarException)
        {
            // The shadow's answer (or failure) is discarded by design; its latency window has counted it.
        }
    }

    private async Task<ServedVersion> ResolveAsync(string reference, FaultInjection? fault, CancellationToken cancellationToken)
    {
        if (fault is not null && !_options.AllowFaultInjection)
        {
            throw LodestarException.Invalid("fault injection is disabled on this server; an operator enables it with LODESTAR_SERVING_FAULT_INJECTION=true");
        }

        var version = await _registry.ResolveAsync(ModelReference.Parse(reference ?? string.Empty), cancellationToken).ConfigureAwait(false);
        return new ServedVersion(version.Name, version.Version, fault?.Validated());
    }

    private void Log(EndpointDeployment deployment, ServedVersion version, ReadOnlySpan<byte> rowsJson, DecodedRows rows, double[] predictions)
    {
        if (deployment.LogSampleRate <= 0)
        {
            return;
        }

        for (var r = 0; r < rows.RowCount; r++)
        {
            if (deployment.LogSampleRate >= 1 || Random.Shared.NextDouble() < deployment.LogSampleRate)
            {
                _log.Offer(new PredictionSample(deployment.TenantId, deployment.Name, version, _time.GetUtcNow(), rowsJson[rows.RowJson(r)].ToArray(), predictions[r]));
            }
        }
    }
}
