using System.Globalization;
using System.Text;
using Lodestar.Models.Data;

namespace Lodestar.Models.Scoring;

/// <summary>
/// The output side of a job: each scored chunk becomes an fsynced part file named by its first row; the final
/// CSV (input columns plus <c>prediction</c>) is assembled from the parts through a temp file and an atomic rename.
/// </summary>
internal sealed class ScoringOutput(string outputPath, string jobId)
{
    private static readonly UTF8Encoding Utf8 = new(false);

    public string PartsDirectory { get; } = $"{Path.GetFullPath(outputPath)}.parts-{jobId}";

    public Task WritePartAsync(long firstRow, List<string[]> rows, double[] predictions, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(PartPath(firstRow), async (stream, ct) =>
        {
            await using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true);
            var line = new StringBuilder();
            for (var i = 0; i < rows.Count; i++)
            {
                line.Clear();
                foreach (var field in rows[i])
                {
                    CsvField.Append(line, field).Append(',');
                }

                line.Append(predictions[i].ToString("R", CultureInfo.InvariantCulture));
                await writer.WriteLineAsync(line, ct).ConfigureAwait(false);
            }
        }, cancellationToken);

    public async Task AssembleAsync(IReadOnlyList<string> header, CancellationToken cancellationToken)
    {
        var parts = Directory.Exists(PartsDirectory) ? Directory.GetFiles(PartsDirectory, "part-*.csv") : [];
        Array.Sort(parts, StringComparer.Ordinal);
        await AtomicFile.WriteAsync(outputPath, async (stream, ct) =>
        {
            var headerLine = new StringBuilder();
            foreach (var name in header)
            {
                CsvField.Append(headerLine, name).Append(',');
            }

            var bytes = Utf8.GetBytes(headerLine.Append("prediction\n").ToString());
            await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
            foreach (var part in parts)
            {
                await using var input = File.OpenRead(part);
                await input.CopyToAsync(stream, ct).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Called only once the job is recorded as completed, so a crash before that can still re-assemble.</summary>
    public void DeleteParts()
    {
        if (Directory.Exists(PartsDirectory))
        {
            Directory.Delete(PartsDirectory, recursive: true);
        }
    }

    private string PartPath(long firstRow) => Path.Combine(PartsDirectory, $"part-{firstRow.ToString("D12", CultureInfo.InvariantCulture)}.csv");
}
