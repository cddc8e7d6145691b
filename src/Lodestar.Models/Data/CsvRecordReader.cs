using System.Text;

namespace Lodestar.Models.Data;

/// <summary>
/// A small RFC 4180 reader: comma separated, double-quoted fields may hold commas, quotes ("") and newlines.
/// Streams through a 64 KB buffer; one record at a time into a reused field list.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;

    /// <summary>One-based line on which the last record started.</summary>
    public long Line { get; private set; }

    private long _nextLine = 1;

    /// <summary>Reads the next record into <paramref name="fields"/>; false at end of input.</summary>
    public bool Read(List<string> fields)
    {
        fields.Clear();
        Line = _nextLine;
        if (!EnsureData())
        {
            return false;
        }

        _field.Clear();
        var quoted = false;
        var fieldStarted = false;
        while (EnsureData())
        {
            var c = _buffer[_position++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (EnsureData() && _buffer[_position] == '"')
                    {
                        _field.Append('"');
                        _position++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _nextLine++;
                    }

                    _field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    fieldStarted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    _nextLine++;
                    fields.Add(_field.ToString());
                    return true;
                default:
                    _field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }

        if (quoted)
        {
            throw Core.LodestarException.Invalid($"line {Line}: a quoted field is not closed before the end of the file");
        }

        fields.Add(_field.ToString());
        return true;
    }

    private bool EnsureData()
    {
        if (_position < _length)
        {
            return true;
        }

        _length = reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
