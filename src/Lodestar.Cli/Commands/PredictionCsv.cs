using System.Globalization;
using System.Text;
using Lodestar.Core;
using Lodestar.Models.Data;

namespace Lodestar.Cli.Commands;

/// <summary>Copies the input CSV verbatim and appends a <c>prediction</c> column, through a temp file and rename.</summary>
internal static class PredictionCsv
{
    public static Task WriteAsync(string inputPath, string outputPath, double[] predictions, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(outputPath, async (stream, ct) =>
        {
            using var reader = new StreamReader(inputPath);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            var header = await reader.ReadLineAsync(ct).ConfigureAwait(false) ?? throw LodestarException.Invalid($"{inputPath} is empty");
            await writer.WriteLineAsync($"{header.TrimEnd('\r')},prediction").ConfigureAwait(false);
            var row = 0;
            var pending = new StringBuilder();
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                // A quoted field may span lines: keep reading until the quotes balance.
                pending.Append(pending.Length > 0 ? "\n" : "").Append(line.TrimEnd('\r'));
                if (pending.ToString().Count(c => c == '"') % 2 != 0)
                {
                    continue;
                }

                if (pending.ToString().Trim().Length > 0)
                {
                    if (row == predictions.Length)
                    {
                        throw LodestarException.Invalid($"{inputPath} changed while scoring (more than {predictions.Length} rows now)");
                    }

                    await writer.WriteLineAsync($"{pending},{predictions[row++].ToString("R", CultureInfo.InvariantCulture)}").ConfigureAwait(false);
                }

                pending.Clear();
            }

            await writer.FlushAsync(ct).ConfigureAwait(false);
            if (row != predictions.Length)
            {
                throw LodestarException.Invalid($"{inputPath} changed while scoring ({row} rows now, {predictions.Length} scored)");
            }
        }, cancellationToken);
}
