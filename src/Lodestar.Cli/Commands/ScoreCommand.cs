using System.CommandLine;
using Lodestar.Core;
using Lodestar.Models.Scoring;

namespace Lodestar.Cli.Commands;

/// <summary><c>lodestar score</c>: a checkpointed batch scoring job; <c>--resume JOB</c> continues one that was interrupted.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "NAME (latest), NAME@ALIAS or NAME:VERSION" };
        var data = new Option<string?>("--data") { Description = "CSV to score; it needs the model's input columns" };
        var output = new Option<string?>("--out") { Description = "Output CSV: the input columns plus 'prediction' (written atomically)" };
        var chunk = new Option<int>("--chunk-rows") { Description = "Rows per checkpoint (default 4096)", DefaultValueFactory = _ => ScoringJobRunner.DefaultChunkRows };
        var resume = new Option<string?>("--resume") { Description = "Resume the interrupted job with this id" };
        var command = new Command("score", "Run a resumable batch scoring job over a CSV") { model, data, output, chunk, resume };
        command.SetHandler(async (context, cancellationToken) =>
        {
            var r = context.ParseResult;
            var runner = context.GetRequiredService<ScoringJobRunner>();
            ScoringJob job;
            if (r.GetValue(resume) is { } id)
            {
                job = await runner.GetAsync(Principal.LocalAdministrator, id, cancellationToken).ConfigureAwait(false);
            }
            else if (r.GetValue(model) is { } m && r.GetValue(data) is { } input && r.GetValue(output) is { } path)
            {
                job = await runner.CreateAsync(Principal.LocalAdministrator, m, input, path, r.GetValue(chunk), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                throw LodestarException.Invalid("give --model, --data and --out for a new job, or --resume JOB");
            }

            CliContext.Info($"job {job.Id}: scoring {job.TotalRows} rows with {job.Model}:{job.Version} (resume with --resume {job.Id})");
            var progress = new Progress<ScoringJob>(p => CliContext.Info($"  {p.RowsDone}/{p.TotalRows} rows ({p.Progress:P0})"));
            var done = await runner.RunAsync(job, progress, cancellationToken).ConfigureAwait(false);
            context.Output(done, d => Console.Out.WriteLine($"job {d.Id} {d.Status.ToString().ToLowerInvariant()}: {d.RowsDone} rows -> {d.OutputPath}"));
            return CliRunner.Success;
        });
        return command;
    }
}
