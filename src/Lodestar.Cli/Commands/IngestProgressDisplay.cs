using System.Diagnostics;
using Lodestar.Knowledge.Sync;
using Spectre.Console;

namespace Lodestar.Cli.Commands;

/// <summary>
/// Shows ingestion progress on stderr: a live bar (files, throughput, ETA) on a terminal, a line every few
/// seconds otherwise, so stdout stays clean for <c>--json</c>.
/// </summary>
internal static class IngestProgressDisplay
{
    public static async Task<IngestReport> RunAsync(Func<IProgress<IngestProgress>, Task<IngestReport>> ingest)
    {
        if (Console.IsErrorRedirected)
        {
            return await ingest(new PlainProgress()).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        IngestReport? report = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progressContext =>
            {
                var task = progressContext.AddTask("ingesting", maxValue: 1);
                var stopwatch = Stopwatch.StartNew();
                report = await ingest(new SynchronousProgress(update =>
                {
                    task.MaxValue = Math.Max(1, update.FilesTotal);
                    task.Value = update.FilesDone;
                    var rate = update.FilesDone / Math.Max(0.001, stopwatch.Elapsed.TotalSeconds);
                    task.Description = Markup.Escape($"{update.FilesDone}/{update.FilesTotal} files, {rate:0.0} files/s, {update.BytesDone / 1048576.0:0.0} MiB");
                })).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return report!;
    }

    /// <summary>Reports on the caller's thread, so the display never lags behind or outlives the work.</summary>
    private sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }

    private sealed class PlainProgress : IProgress<IngestProgress>
    {
        private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
        private TimeSpan? _last;

        public void Report(IngestProgress value)
        {
            var done = value.FilesDone == value.FilesTotal;
            if (!done && _last is { } last && _stopwatch.Elapsed - last < TimeSpan.FromSeconds(2))
            {
                return;
            }

            _last = _stopwatch.Elapsed;
            var rate = value.FilesDone / Math.Max(0.001, _stopwatch.Elapsed.TotalSeconds);
            var eta = rate > 0 ? TimeSpan.FromSeconds((value.FilesTotal - value.FilesDone) / rate) : TimeSpan.Zero;
            Console.Error.WriteLine($"ingest: {value.FilesDone}/{value.FilesTotal} files, {rate:0.0} files/s, ETA {eta:mm\\:ss}");
        }
    }
}
