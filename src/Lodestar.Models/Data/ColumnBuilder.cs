using System.Globalization;

namespace Lodestar.Models.Data;

/// <summary>Accumulates one column while the CSV streams by.</summary>
internal sealed class ColumnBuilder(string name, int dictionaryCap)
{
    private readonly List<double> _numbers = [];
    private Dictionary<string, int>? _dictionary = new(StringComparer.Ordinal);
    private List<int>? _codes = [];
    private int _missing;
    private int _firstNonNumericRow = -1;

    public void Add(string cell)
    {
        var row = _numbers.Count;
        if (MissingValues.IsMissing(cell))
        {
            _missing++;
            _numbers.Add(double.NaN);
            _codes?.Add(-1);
            return;
        }

        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            _numbers.Add(value);
        }
        else
        {
            _numbers.Add(double.NaN);
            if (_firstNonNumericRow < 0)
            {
                _firstNonNumericRow = row;
            }
        }

        if (_dictionary is null || _codes is null)
        {
            return;
        }

        if (!_dictionary.TryGetValue(cell, out var code))
        {
            if (_dictionary.Count >= dictionaryCap)
            {
                // High-cardinality numeric columns do not need the dictionary; drop it to save memory.
                _dictionary = null;
                _codes = null;
                return;
            }

            code = _dictionary.Count;
            _dictionary.Add(cell, code);
        }

        _codes.Add(code);
    }

    public DataColumn Build()
    {
        string[]? levels = null;
        if (_dictionary is not null)
        {
            levels = new string[_dictionary.Count];
            foreach (var (text, code) in _dictionary)
            {
                levels[code] = text;
            }
        }

        if (levels is null && _firstNonNumericRow >= 0)
        {
            throw Core.LodestarException.Invalid(
                $"column '{name}' is text with more than {dictionaryCap} distinct values; it cannot be a category");
        }

        return new DataColumn(name, [.. _numbers], _codes?.ToArray(), levels, _missing, _firstNonNumericRow);
    }
}
