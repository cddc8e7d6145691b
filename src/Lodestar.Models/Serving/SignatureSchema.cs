using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Training;

namespace Lodestar.Models.Serving;

/// <summary>A model signature prepared for request decoding: column positions and, per category, its level codes.</summary>
internal sealed class SignatureSchema
{
    private readonly Dictionary<string, int> _positions;
    private readonly Dictionary<string, int>?[] _levels;

    public SignatureSchema(ModelSignature signature)
    {
        Inputs = signature.Inputs;
        _positions = new Dictionary<string, int>(Inputs.Count, StringComparer.Ordinal);
        _levels = new Dictionary<string, int>?[Inputs.Count];
        for (var i = 0; i < Inputs.Count; i++)
        {
            _positions[Inputs[i].Name] = i;
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
    }

    public IReadOnlyList<InputColumn> Inputs { get; }

    public int Width => Inputs.Count;

    public int PositionOf(string name, int row) =>
        _positions.TryGetValue(name, out var position)
            ? position
            : throw LodestarException.Invalid($"row {row + 1}: unknown column '{name}' (the model's inputs are: {string.Join(", ", Inputs.Select(i => i.Name))})");

    /// <summary>The code of a category value; NaN (treated as missing) for a level the model never saw.</summary>
    public double CodeOf(int position, string value) =>
        _levels[position]!.TryGetValue(value, out var code) ? code : double.NaN;
}
