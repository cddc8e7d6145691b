using Lodestar.Core;
using Lodestar.Models.Data;

namespace Lodestar.Models.Scoring;

/// <summary>Streams a CSV in chunks of rows: each chunk both as raw fields (to copy to the output) and as a dataset (to score).</summary>
internal sealed class CsvChunkReader : IDisposable
{
    private readonly StreamReader _stream;
    private readonly CsvRecordReader _records;
    private readonly string _source;

    public CsvChunkReader(string path)
    {
        _source = Path.GetFileName(path);
        _stream = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        _records = new CsvRecordReader(_stream);
        var header = new List<string>();
        if (!_records.Read(header) || (header.Count == 1 && string.IsNullOrWhiteSpace(header[0])))
        {
            throw LodestarException.Invalid($"{_source} is empty (a header row is required)");
        }

        Header = header.ConvertAll(h => h.Trim());
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Reads up to <paramref name="rows"/> data rows; an empty list at the end of the file.</summary>
    public List<string[]> ReadChunk(int rows)
    {
        var chunk = new List<string[]>(Math.Min(rows, 1 << 16));
        var fields = new List<string>(Header.Count);
        while (chunk.Count < rows && _records.Read(fields))
        {
            if (fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0]) && Header.Count != 1)
            {
                continue;
            }

            if (fields.Count != Header.Count)
            {
                throw LodestarException.Invalid($"{_source}: line {_records.Line} has {fields.Count} fields, expected {Header.Count}");
            }

            chunk.Add([.. fields]);
        }

        return chunk;
    }

    /// <summary>Skips <paramref name="rows"/> data rows (a resumed job's finished part).</summary>
    public void Skip(long rows)
    {
        for (long skipped = 0; skipped < rows;)
        {
            var chunk = ReadChunk((int)Math.Min(rows - skipped, 1 << 16));
            if (chunk.Count == 0)
            {
                throw LodestarException.Invalid($"{_source} has fewer rows than the job's checkpoint");
            }

            skipped += chunk.Count;
        }
    }

    /// <summary>The chunk column-wise, as <see cref="TabularDataset.Read"/> would have built it.</summary>
    public TabularDataset ToDataset(List<string[]> chunk)
    {
        var columns = new DataColumn[Header.Count];
        for (var c = 0; c < Header.Count; c++)
        {
            // A chunk never holds more distinct values than rows, so every column keeps its dictionary.
            var builder = new ColumnBuilder(Header[c], Math.Max(chunk.Count, TabularDataset.DictionaryCap));
            foreach (var row in chunk)
            {
                builder.Add(row[c]);
            }

            columns[c] = builder.Build();
        }

        return new TabularDataset(columns);
    }

    public void Dispose() => _stream.Dispose();
}
