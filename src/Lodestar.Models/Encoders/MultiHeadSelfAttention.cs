using System.Buffers;
using System.Numerics.Tensors;

namespace Lodestar.Models.Encoders;

/// <summary>
/// Self-attention over each input's own rows: a fused QKV projection, per-head scaled dot-product
/// softmax attention, and an output projection added onto the residual stream.
/// </summary>
internal sealed class MultiHeadSelfAttention
{
    // Below this many score entries the per-head work is too small to hand to other cores.
    private const long ParallelThreshold = 1L << 14;

    private readonly DenseLayer _qkv;
    private readonly DenseLayer _output;
    private readonly float _queryScale;

    public MultiHeadSelfAttention(DenseLayer qkv, DenseLayer output, int headDimension, float queryScale)
    {
        if (qkv.Outputs % 3 != 0 || (qkv.Outputs / 3) % headDimension != 0 || output.Inputs != qkv.Outputs / 3)
        {
            throw new ArgumentException($"Attention shapes do not fit: qkv {qkv.Inputs}x{qkv.Outputs}, output {output.Inputs}x{output.Outputs}, head {headDimension}.");
        }

        _qkv = qkv;
        _output = output;
        _queryScale = queryScale;
        HeadDimension = headDimension;
    }

    public int Width => _qkv.Outputs / 3;

    public int HeadDimension { get; }

    public int Heads => Width / HeadDimension;

    public int OutputWidth => _output.Outputs;

    /// <summary>residual += Attention(normed) for every segment.</summary>
    public void Forward(float[] normed, TokenSegment[] segments, int rows, float[] qkv, float[] context, float[] residual)
    {
        _qkv.Forward(normed, rows, qkv);
        var heads = Heads;
        var work = 0L;
        foreach (var segment in segments)
        {
            work += (long)segment.Length * segment.Length;
        }

        if (work * heads < ParallelThreshold)
        {
            for (var item = 0; item < segments.Length * heads; item++)
            {
                Attend(qkv, context, segments[item / heads], item % heads);
            }
        }
        else
        {
            Parallel.For(0, segments.Length * heads, item => Attend(qkv, context, segments[item / heads], item % heads));
        }

        _output.Forward(context, rows, residual, GemmEpilogue.Accumulate);
    }

    private void Attend(float[] qkv, float[] context, TokenSegment segment, int head)
    {
        var width = Width;
        var stride = 3 * width;
        var dimension = HeadDimension;
        var offset = head * dimension;
        var length = segment.Length;
        var scores = ArrayPool<float>.Shared.Rent(length + dimension);
        try
        {
            var weights = scores.AsSpan(0, length);
            var query = scores.AsSpan(length, dimension);
            for (var i = 0; i < length; i++)
            {
                var row = segment.Start + i;
                TensorPrimitives.Multiply(qkv.AsSpan((row * stride) + offset, dimension), _queryScale, query);
                for (var j = 0; j < length; j++)
                {
                    weights[j] = TensorPrimitives.Dot(query, qkv.AsSpan(((segment.Start + j) * stride) + width + offset, dimension));
                }

                Softmax(weights);
                var output = context.AsSpan((row * width) + offset, dimension);
                output.Clear();
                for (var j = 0; j < length; j++)
                {
                    var value = qkv.AsSpan(((segment.Start + j) * stride) + (2 * width) + offset, dimension);
                    TensorPrimitives.FusedMultiplyAdd(value, weights[j], output, output);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    private static void Softmax(Span<float> values)
    {
        var max = TensorPrimitives.Max(values);
        TensorPrimitives.Subtract(values, max, values);
        TensorPrimitives.Exp(values, values);
        TensorPrimitives.Divide(values, TensorPrimitives.Sum(values), values);
    }
}
