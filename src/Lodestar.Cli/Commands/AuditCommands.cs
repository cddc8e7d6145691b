using System.CommandLine;
using System.Globalization;
using System.Text;
using Lodestar.Core;
using Lodestar.Governance.Audit;

namespace Lodestar.Cli.Commands;

/// <summary><c>audit verify|export|checkpoint</c>: check and extract the tamper-evident audit trail.</summary>
internal static class AuditCommands
{
    public static Command Create()
    {
        var audit = new Command("audit", "Verify, export and checkpoint the tamper-evident audit trail");
        audit.Subcommands.Add(Verify());
        audit.Subcommands.Add(Export());
        audit.Subcommands.Add(Checkpoint());
        return audit;
    }

    private static Command Verify()
    {
        var command = new Command("verify", "Exit 0 when the audit trail is intact; otherwise name the first bad record and exit 1");
        command.SetHandler(async (context, ct) =>
        {
            var verification = await context.GetRequiredService<AuditTrail>().VerifyAsync(ct).ConfigureAwait(false);
            context.Output(verification, v => Console.Out.WriteLine(v.Intact
                ? $"audit trail intact: {v.RecordsChecked} records, {v.Checkpoints} signed checkpoints"
                : $"audit trail BROKEN at record {v.Problem!.Sequence} ({v.Problem.Kind}): {v.Problem.Message}"));
            if (verification.Problem is { } problem)
            {
                CliContext.Info($"error: audit trail broken at record {problem.Sequence}: {problem.Message}");
                return CliRunner.Failure;
            }

            return CliRunner.Success;
        });
        return command;
    }

    private static Command Export()
    {
        var since = new Option<string?>("--since") { Description = "Only records at or after this ISO 8601 time" };
        var output = new Option<string?>("--out") { Description = "Write JSON lines to this file (atomically) instead of stdout" };
        var command = new Command("export", "Export the audit trail as JSON lines") { since, output };
        command.SetHandler(async (context, ct) =>
        {
            var from = ParseSince(context.ParseResult.GetValue(since));
            var trail = context.GetRequiredService<AuditTrail>();
            if (context.ParseResult.GetValue(output) is not { } path)
            {
                await trail.ExportAsync(Principal.LocalAdministrator, Console.Out, from, ct).ConfigureAwait(false);
                return CliRunner.Success;
            }

            var records = await WriteAtomicallyAsync(path, writer => trail.ExportAsync(Principal.LocalAdministrator, writer, from, ct), ct).ConfigureAwait(false);
            context.Output(new { Records = records, Out = Path.GetFullPath(path) }, r => Console.Out.WriteLine($"exported {r.Records} records to {r.Out}"));
            return CliRunner.Success;
        });
        return command;
    }

    private static Command Checkpoint()
    {
        var command = new Command("checkpoint", "Sign a checkpoint at the current end of the trail");
        command.SetHandler(async (context, ct) =>
        {
            var checkpoint = await context.GetRequiredService<AuditTrail>().CheckpointAsync(ct).ConfigureAwait(false);
            context.Output(checkpoint, c => Console.Out.WriteLine($"signed checkpoint at record {c.Sequence}"));
            return CliRunner.Success;
        });
        return command;
    }

    private static DateTimeOffset? ParseSince(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value
        : throw LodestarException.Invalid($"--since '{text}' is not an ISO 8601 time, e.g. 2026-01-31T00:00:00Z");

    /// <summary>Writes a temporary file beside <paramref name="path"/>, flushes it to disk and renames it into place.</summary>
    private static async Task<long> WriteAtomicallyAsync(string path, Func<TextWriter, Task<long>> write, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            long count;
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await using (var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true))
                {
                    count = await write(writer).ConfigureAwait(false);
                }

                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
            return count;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
