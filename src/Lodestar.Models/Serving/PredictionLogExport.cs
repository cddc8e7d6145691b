using System.Globalization;
using System.Text;
using Lodestar.Models.Data;
using Lodestar.Models.Scoring;

namespace Lodestar.Models.Serving;

/// <summary>
/// Writes logged predictions as a CSV (one column per input, then <c>prediction</c>) through a temp file and an
/// atomic rename: the "current" window a drift report reads.
/// </summary>
internal static class PredictionLogExport
{
    public static Task WriteCsvAsync(IReadOnlyList<LoggedPrediction> predictions, string path, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in predictions.SelectMany(p => p.Inputs.Keys))
        {
            if (seen.Add(name))
            {
                names.Add(name);
            }
        }

        return AtomicFile.WriteAsync(path, async (stream, ct) =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            var line = new StringBuilder();
            foreach (var name in names)
            {
                CsvField.Append(line, name).Append(',');
            }

            await writer.WriteLineAsync(line.Append(PredictionLogDataset.PredictionColumn), ct).ConfigureAwait(false);
            foreach (var prediction in predictions)
            {
                line.Clear();
                foreach (var name in names)
                {
                    CsvField.Append(line, prediction.Inputs.GetValueOrDefault(name)).Append(',');
                }

                line.Append(prediction.Prediction.ToString("R", CultureInfo.InvariantCulture));
                await writer.WriteLineAsync(line, ct).ConfigureAwait(false);
            }
        }, cancellationToken);
    }
}
