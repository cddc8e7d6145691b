using Lodestar.Models.Data;
using Lodestar.Models.Training;

namespace Lodestar.Models.Serving;

/// <summary>A model signature prepared for request decoding: column positions and, per category, its level codes.</summary>
internal sealed class SignatureSchema
{
    private readonly Dictionary<string, int> _positions;
    private readonly Dictionary<string, int>?[] _levels;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _positionsByName;
    private readonly byte[][] _utf8Names;

    public SignatureSchema(ModelSignature signature)
    {
        Inputs = signature.Inputs;
        _positions = new Dictionary<string, int>(Inputs.Count, StringComparer.Ordinal);
        _utf8Names = new byte[Inputs.Count][];
        _levels = new Dictionary<string, int>?[Inputs.Count];
        for (var i = 0; i < Inputs.Count; i++)
        {
            _positions[Inputs[i].Name] = i;
            _utf8Names[i] = System.Text.Encoding.UTF8.GetBytes(Inputs[i].Name);
            if (Inputs[i].Kind == ColumnKind.Categorical)
            {
                var levels = Inputs[i].Levels ?? [];
                var lookup = new Dictionary<string, int>(levels.Count, StringComparer.Ordinal);
                for (var l = 0; l < levels.Count; l++)
                {
                    lookup[levels[l]] = l;
                }

                _levels[i] = lookup;
            }
        }

        // Request decoding looks names up straight from the JSON's characters, without a string per property.
        _positionsByName = _positions.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<InputColumn> Inputs { get; }

    public int Width => Inputs.Count;

    public bool TryPositionOf(ReadOnlySpan<char> name, out int position) => _positionsByName.TryGetValue(name, out position);

    /// <summary>Whether the input at <paramref name="position"/> is named exactly <paramref name="utf8Name"/> (UTF-8, unescaped).</summary>
    public bool IsNamed(int position, ReadOnlySpan<byte> utf8Name) => (uint)position < (uint)_utf8Names.Length && utf8Name.SequenceEqual(_utf8Names[position]);

    /// <summary>The code of a category value; NaN (treated as missing) for a level the model never saw.</summary>
    public double CodeOf(int position, ReadOnlySpan<char> value) =>
        _levels[position]!.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var code) ? code : double.NaN;
}
