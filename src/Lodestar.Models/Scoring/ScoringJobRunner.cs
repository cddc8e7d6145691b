using System.Security.Cryptography;
using Lodestar.Core;
using Lodestar.Core.Jobs;
using Lodestar.Models.Registry;

namespace Lodestar.Models.Scoring;

/// <summary>
/// Batch scoring over CSV files with checkpoints: rows are scored in chunks, each chunk is made durable as a part
/// file before the job's checkpoint moves past it, and the output appears only when complete (temp, fsync, rename).
/// A job interrupted at any point (crash, cancel, kill) resumes from its last checkpoint with the same result.
/// </summary>
public sealed class ScoringJobRunner(ModelRegistry registry, IScoringJobStore store, IAuditLog audit, TimeProvider time)
{
    public const int DefaultChunkRows = 4096;

    public async Task<ScoringJob> CreateAsync(Principal actor, string model, string inputPath, string outputPath, int chunkRows = DefaultChunkRows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(inputPath) || !File.Exists(inputPath))
        {
            throw LodestarException.Invalid($"input file not found: {inputPath}");
        }

        if (string.IsNullOrWhiteSpace(outputPath) || Path.GetFullPath(outputPath) == Path.GetFullPath(inputPath))
        {
            throw LodestarException.Invalid("the output must be a different file than the input");
        }

        if (chunkRows is < 1 or > 1_000_000)
        {
            throw LodestarException.Invalid("chunk rows must be between 1 and 1000000");
        }

        var version = await registry.ResolveAsync(ModelReference.Parse(model ?? string.Empty), cancellationToken).ConfigureAwait(false);
        var input = Path.GetFullPath(inputPath);
        var total = await Task.Run(() => CountRows(input), cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var job = new ScoringJob("job_" + Guid.NewGuid().ToString("N")[..16], actor.TenantId, version.Name, version.Version, input,
            await FingerprintAsync(input, cancellationToken).ConfigureAwait(false), Path.GetFullPath(outputPath), chunkRows, total, 0, ScoringJobStatus.Running, null, now, now);
        await store.SaveJobAsync(job, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEvent(actor.TenantId, actor.UserId, "scoring.job.create", "job:" + job.Id,
            new Dictionary<string, string> { ["model"] = $"{job.Model}:{job.Version}", ["input"] = input, ["output"] = job.OutputPath }), cancellationToken).ConfigureAwait(false);
        return job;
    }

    public async Task<ScoringJob> GetAsync(Principal caller, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var job = await store.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
        // Another tenant's job is indistinguishable from a missing one.
        return job is not null && job.TenantId == caller.TenantId ? job : throw LodestarException.NotFound($"no scoring job '{id}'");
    }

    /// <summary>
    /// Queues a job (new or interrupted) as a durable <c>models.score</c> job: whichever node leases it runs it from
    /// its checkpoint, and a job whose node stopped or died is leased again (by another node or after a restart).
    /// </summary>
    public async Task StartDurablyAsync(IJobQueue queue, Principal actor, ScoringJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(job);
        if (job.Status != ScoringJobStatus.Completed)
        {
            await queue.EnqueueAsync(ScoringJobHandler.JobType, job.TenantId, actor.UserId, ScoringJobHandler.CreatePayload(job), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Scores the rows after the job's checkpoint, reporting the job after every chunk, then assembles the output.</summary>
    public async Task<ScoringJob> RunAsync(ScoringJob job, IProgress<ScoringJob>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        job = await store.GetJobAsync(job.Id, cancellationToken).ConfigureAwait(false) ?? throw LodestarException.NotFound($"no scoring job '{job.Id}'");
        if (job.Status == ScoringJobStatus.Completed)
        {
            return job;
        }

        var output = new ScoringOutput(job.OutputPath, job.Id);
        try
        {
            if (await FingerprintAsync(job.InputPath, cancellationToken).ConfigureAwait(false) != job.InputSha256)
            {
                throw LodestarException.Invalid($"{job.InputPath} changed since the job started; start a new job");
            }

            job = job with { Status = ScoringJobStatus.Running, Error = null };
            var version = await registry.ResolveAsync(new ModelReference(job.Model, null, job.Version), cancellationToken).ConfigureAwait(false);
            var model = await registry.LoadAsync(version, cancellationToken).ConfigureAwait(false);
            using (var reader = new CsvChunkReader(job.InputPath))
            {
                reader.Skip(job.RowsDone);
                while (reader.ReadChunk(job.ChunkRows) is { Count: > 0 } chunk)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var predictions = model.Predict(reader.ToDataset(chunk));
                    await output.WritePartAsync(job.RowsDone, chunk, predictions, cancellationToken).ConfigureAwait(false);
                    job = job with { RowsDone = job.RowsDone + chunk.Count, UpdatedAt = time.GetUtcNow() };
                    await store.SaveJobAsync(job, CancellationToken.None).ConfigureAwait(false);
                    progress?.Report(job);
                }

                await output.AssembleAsync(reader.Header, cancellationToken).ConfigureAwait(false);
            }

            job = job with { Status = ScoringJobStatus.Completed, UpdatedAt = time.GetUtcNow() };
            await store.SaveJobAsync(job, CancellationToken.None).ConfigureAwait(false);
            output.DeleteParts();
            progress?.Report(job);
            return job;
        }
        catch (LodestarException error)
        {
            await store.SaveJobAsync(job with { Status = ScoringJobStatus.Failed, Error = error.Message, UpdatedAt = time.GetUtcNow() }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static long CountRows(string path)
    {
        using var reader = new CsvChunkReader(path);
        long rows = 0;
        while (reader.ReadChunk(1 << 16) is { Count: > 0 } chunk)
        {
            rows += chunk.Count;
        }

        return rows;
    }

    private static async Task<string> FingerprintAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
