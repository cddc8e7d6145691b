using Lodestar.Core;

namespace Lodestar.Models.Data;

/// <summary>A CSV file held column-wise: numeric and text views of every column, in file order.</summary>
public sealed class TabularDataset
{
    /// <summary>Columns with more distinct texts than this are numeric-only (an id or a measurement, not a category).</summary>
    public const int DictionaryCap = 4096;

    private readonly Dictionary<string, int> _index;

    public TabularDataset(IReadOnlyList<DataColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw LodestarException.Invalid("the dataset has no columns");
        }

        Columns = columns;
        RowCount = columns[0].Length;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Length != RowCount)
            {
                throw LodestarException.Invalid($"column '{column.Name}' has {column.Length} rows, expected {RowCount}");
            }

            if (!_index.TryAdd(column.Name, _index.Count))
            {
                throw LodestarException.Invalid($"duplicate column name '{column.Name}'");
            }
        }
    }

    public IReadOnlyList<DataColumn> Columns { get; }

    public int RowCount { get; }

    public DataColumn? Find(string name) => _index.TryGetValue(name, out var i) ? Columns[i] : null;

    public DataColumn Get(string name) =>
        Find(name) ?? throw LodestarException.Invalid($"column '{name}' not found (columns: {string.Join(", ", _index.Keys)})");

    public static async Task<TabularDataset> LoadCsvAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw LodestarException.Invalid($"file not found: {path}");
        }

        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return await Task.Run(() => Read(reader, Path.GetFileName(path), cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a CSV with a header row; ragged rows and empty input are errors naming the line.</summary>
    public static TabularDataset Read(TextReader reader, string sourceName = "input", CancellationToken cancellationToken = default)
    {
        var parser = new CsvRecordReader(reader);
        var header = new List<string>();
        if (!parser.Read(header))
        {
            throw LodestarException.Invalid($"{sourceName} is empty (a header row is required)");
        }

        if (header.Count == 1 && string.IsNullOrWhiteSpace(header[0]))
        {
            throw LodestarException.Invalid($"{sourceName} has an empty header row");
        }

        var builders = new ColumnBuilder[header.Count];
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0)
            {
                throw LodestarException.Invalid($"{sourceName}: column {i + 1} has no name");
            }

            builders[i] = new ColumnBuilder(name, DictionaryCap);
        }

        var rows = 0;
        var fields = new List<string>(builders.Length);
        while (parser.Read(fields))
        {
            if ((rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (fields.Count != builders.Length)
            {
                if (fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0]))
                {
                    continue;
                }

                throw LodestarException.Invalid(
                    $"{sourceName}: line {parser.Line} has {fields.Count} fields, expected {builders.Length}");
            }

            for (var i = 0; i < builders.Length; i++)
            {
                builders[i].Add(fields[i]);
            }

            rows++;
        }

        if (rows == 0)
        {
            throw LodestarException.Invalid($"{sourceName} has a header but no data rows");
        }

        var columns = new DataColumn[builders.Length];
        for (var i = 0; i < builders.Length; i++)
        {
            columns[i] = builders[i].Build();
        }

        return new TabularDataset(columns);
    }
}
