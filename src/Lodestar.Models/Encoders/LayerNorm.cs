using System.Numerics.Tensors;

namespace Lodestar.Models.Encoders;

/// <summary>Per-row layer normalisation: scale * (x - mean) / sqrt(var + epsilon) + bias.</summary>
internal sealed class LayerNorm(float[] scale, float[] bias, float epsilon)
{
    public int Width => scale.Length;

    public void Forward(float[] input, int rows, float[] output)
    {
        var width = Width;
        for (var row = 0; row < rows; row++)
        {
            var x = input.AsSpan(row * width, width);
            var y = output.AsSpan(row * width, width);
            var mean = TensorPrimitives.Sum(x) / width;
            TensorPrimitives.Subtract(x, mean, y);
            var variance = TensorPrimitives.SumOfSquares(y) / width;
            TensorPrimitives.Multiply(y, 1f / MathF.Sqrt(variance + epsilon), y);
            TensorPrimitives.FusedMultiplyAdd(y, scale, bias, y);
        }
    }
}
