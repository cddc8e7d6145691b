using Lodestar.Core;
using Lodestar.Models.Data;

namespace Lodestar.Models.Serving;

/// <summary>Turns logged predictions into a dataset (one column per input plus <c>prediction</c>), as if read from a CSV.</summary>
public static class PredictionLogDataset
{
    public const string PredictionColumn = "prediction";

    public static TabularDataset ToDataset(IReadOnlyList<LoggedPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count == 0)
        {
            throw LodestarException.Invalid("no logged predictions match; widen the window or raise the sampling rate");
        }

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var prediction in predictions)
        {
            foreach (var name in prediction.Inputs.Keys)
            {
                if (seen.Add(name))
                {
                    names.Add(name);
                }
            }
        }

        var builders = new ColumnBuilder[names.Count + 1];
        for (var i = 0; i < names.Count; i++)
        {
            builders[i] = new ColumnBuilder(names[i], TabularDataset.DictionaryCap);
        }

        builders[^1] = new ColumnBuilder(PredictionColumn, TabularDataset.DictionaryCap);
        foreach (var prediction in predictions)
        {
            for (var i = 0; i < names.Count; i++)
            {
                builders[i].Add(prediction.Inputs.TryGetValue(names[i], out var value) ? value ?? string.Empty : string.Empty);
            }

            builders[^1].Add(prediction.Prediction.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        var columns = new DataColumn[builders.Length];
        for (var i = 0; i < builders.Length; i++)
        {
            columns[i] = builders[i].Build();
        }

        return new TabularDataset(columns);
    }
}
