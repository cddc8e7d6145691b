using Lodestar.Core;

namespace Lodestar.Models.Encoders;

/// <summary>A named constant from a TF.js weights manifest, decoded to float32 or int32.</summary>
internal sealed class TfjsTensor(string name, int[] shape, float[]? floats, int[]? ints)
{
    public string Name { get; } = name;

    public IReadOnlyList<int> Shape { get; } = shape;

    /// <summary>The values as float32, checked against the shape the caller expects.</summary>
    public float[] Floats(params int[] expectedShape)
    {
        RequireShape(expectedShape);
        return floats ?? throw LodestarException.Invalid($"Model weight {Name} is int32, expected float32.");
    }

    /// <summary>The values as int32.</summary>
    public int[] Ints() => ints ?? throw LodestarException.Invalid($"Model weight {Name} is float32, expected int32.");

    private void RequireShape(int[] expected)
    {
        if (!Shape.SequenceEqual(expected))
        {
            throw LodestarException.Invalid(
                $"Model weight {Name} has shape [{string.Join(',', Shape)}], expected [{string.Join(',', expected)}].");
        }
    }
}
