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
    public void Forward(float[] normed, TokenSegment[] segments, int rows, float[] qkv, float[] context, float[] residual, bool allowParallel)
    {
        _qkv.Forward(normed, rows, qkv, allowParallel: allowParallel);
        var heads = Heads;
        var work = 0L;
        foreach (var segment in segments)
        {
            work += (long)segment.Length * segment.Length;
        }

        if (!allowParallel || work * heads < ParallelThreshold)
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

        _output.Forward(context, rows, residual, GemmEpilogue.Accumulate, allowParallel);
    }

    // One (input, head) pair: scores = (scale·Q)·Kᵀ, row softmax, context = weights·V, each product
    // on the packed GEMM kernel with K and V packed straight out of the fused QKV rows.
    private void Attend(float[] qkv, float[] context, TokenSegment segment, int head)
    {
        var length = segment.Length;
        if (length == 0)
        {
            return;
        }

        var width = Width;
        var stride = 3 * width;
        var dimension = HeadDimension;
        var headStart = (segment.Start * stride) + (head * dimension);
        var queries = ArrayPool<float>.Shared.Rent(length * dimension);
        var keys = ArrayPool<float>.Shared.Rent(Gemm.PackedLength(dimension, length));
        var values = ArrayPool<float>.Shared.Rent(Gemm.PackedLength(length, dimension));
        var scores = ArrayPool<float>.Shared.Rent(length * length);
        var output = ArrayPool<float>.Shared.Rent(length * dimension);
        try
        {
            for (var i = 0; i < length; i++)
            {
                TensorPrimitives.Multiply(qkv.AsSpan(headStart + (i * stride), dimension), _queryScale, queries.AsSpan(i * dimension, dimension));
            }

            Gemm.Pack(qkv.AsSpan(headStart + width), dimension, length, 1, stride, keys);
            Gemm.Multiply(queries, length, dimension, keys, bias: null, length, scores, GemmEpilogue.None, allowParallel: false);
            for (var i = 0; i < length; i++)
            {
                Softmax(scores.AsSpan(i * length, length));
            }

            Gemm.Pack(qkv.AsSpan(headStart + (2 * width)), length, dimension, stride, 1, values);
            Gemm.Multiply(scores, length, length, values, bias: null, dimension, output, GemmEpilogue.None, allowParallel: false);
            for (var i = 0; i < length; i++)
            {
                output.AsSpan(i * dimension, dimension).CopyTo(context.AsSpan(((segment.Start + i) * width) + (head * dimension), dimension));
            }
        }
        finally
        {
            foreach (var buffer in new[] { queries, keys, values, scores, output })
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
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
