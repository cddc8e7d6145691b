using System.Globalization;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Core.Jobs;

namespace Lodestar.Models.Scoring;

/// <summary>
/// <c>models.score</c>: runs a scoring job started over HTTP as a durable job, so any node (or this one after a
/// restart) resumes it from its last checkpoint. Idempotent because the runner is: a rerun skips the chunks already
/// made durable and assembles the same output.
/// </summary>
internal sealed class ScoringJobHandler(ScoringJobRunner runner, IScoringJobStore store) : IJobHandler
{
    public const string JobType = "models.score";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Type => JobType;

    public static string CreatePayload(ScoringJob job) => JsonSerializer.Serialize(new Payload(job.Id), Json);

    public async Task<string> RunAsync(JobLease lease, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var id = JsonSerializer.Deserialize<Payload>(lease.Payload, Json)?.Job ?? throw LodestarException.Invalid("the scoring job has no payload");
        var job = await store.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
        if (job is null || job.TenantId != lease.TenantId)
        {
            throw LodestarException.NotFound($"no scoring job '{id}'");
        }

        var done = await runner.RunAsync(job, new Progress(progress), cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Serialize(new Payload(done.Id), Json);
    }

    private sealed record Payload(string Job);

    /// <summary>One short line per checkpoint, reported synchronously (the worker keeps only the newest).</summary>
    private sealed class Progress(IProgress<string> inner) : IProgress<ScoringJob>
    {
        public void Report(ScoringJob value) =>
            inner.Report(string.Create(CultureInfo.InvariantCulture, $"{value.RowsDone}/{value.TotalRows} rows"));
    }
}
