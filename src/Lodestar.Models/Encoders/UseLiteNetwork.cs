using System.Numerics.Tensors;

namespace Lodestar.Models.Encoders;

/// <summary>
/// The Universal Sentence Encoder lite forward pass: token embeddings (added twice, as the graph
/// does) plus a sinusoidal timing signal, a stack of transformer layers, a mean over each input's
/// tokens, a tanh projection and L2 normalisation. Inputs are packed row-wise, never padded.
/// </summary>
internal sealed class UseLiteNetwork
{
    private readonly float[] _embeddings;
    private readonly int _vocabularySize;
    private readonly float[] _timingSignal;
    private readonly TransformerLayer[] _layers;
    private readonly DenseLayer _projection;
    private readonly float _normFloor;

    public UseLiteNetwork(float[] embeddings, float[] inverseTimescales, int maxTokens, TransformerLayer[] layers, DenseLayer projection, float normFloor)
    {
        if (layers.Length == 0 || embeddings.Length % layers[0].InputWidth != 0 || inverseTimescales.Length * 2 != layers[0].InputWidth
            || projection.Inputs != layers[^1].OutputWidth)
        {
            throw new ArgumentException("USE lite parts have mismatched widths.");
        }

        _embeddings = embeddings;
        _vocabularySize = embeddings.Length / layers[0].InputWidth;
        _timingSignal = BuildTimingSignal(inverseTimescales, maxTokens);
        _layers = layers;
        _projection = projection;
        _normFloor = normFloor;
        MaxTokens = maxTokens;
    }

    public int MaxTokens { get; }

    public int Dimensions => _projection.Outputs;

    /// <summary>One unit-length embedding per token sequence; tokens past <see cref="MaxTokens"/> are ignored.</summary>
    /// <param name="allowParallel">Spread each operator over cores; off when passes already run in parallel.</param>
    public float[][] Encode(IReadOnlyList<int[]> tokenSequences, bool allowParallel)
    {
        var segments = new TokenSegment[tokenSequences.Count];
        var rows = 0;
        for (var i = 0; i < segments.Length; i++)
        {
            var length = Math.Min(tokenSequences[i].Length, MaxTokens);
            segments[i] = new TokenSegment(rows, length);
            rows += length;
        }

        var streamWidth = 0;
        var scratchWidth = 0;
        foreach (var layer in _layers)
        {
            streamWidth = Math.Max(streamWidth, Math.Max(layer.InputWidth, layer.OutputWidth));
            scratchWidth = Math.Max(scratchWidth, layer.ScratchWidth);
        }

        using var workspace = new EncoderWorkspace(rows, streamWidth, scratchWidth, allowParallel);
        Embed(tokenSequences, segments, workspace.Current);
        foreach (var layer in _layers)
        {
            layer.Forward(workspace.Current, workspace.Next, segments, rows, workspace);
            workspace.Swap();
        }

        return Pool(workspace.Current, segments, allowParallel);
    }

    private static float[] BuildTimingSignal(float[] inverseTimescales, int maxTokens)
    {
        var half = inverseTimescales.Length;
        var signal = new float[maxTokens * half * 2];
        for (var position = 0; position < maxTokens; position++)
        {
            for (var k = 0; k < half; k++)
            {
                var angle = position * inverseTimescales[k];
                signal[(position * half * 2) + k] = MathF.Sin(angle);
                signal[(position * half * 2) + half + k] = MathF.Cos(angle);
            }
        }

        return signal;
    }

    private void Embed(IReadOnlyList<int[]> tokenSequences, TokenSegment[] segments, float[] stream)
    {
        var width = _layers[0].InputWidth;
        for (var i = 0; i < segments.Length; i++)
        {
            var tokens = tokenSequences[i];
            for (var position = 0; position < segments[i].Length; position++)
            {
                var token = tokens[position];
                if ((uint)token >= (uint)_vocabularySize)
                {
                    throw new ArgumentOutOfRangeException(nameof(tokenSequences), $"Token id {token} is outside the embedding table ({_vocabularySize}).");
                }

                // The graph adds the looked-up embedding to (embedding + timing signal).
                var embedding = _embeddings.AsSpan(token * width, width);
                var row = stream.AsSpan((segments[i].Start + position) * width, width);
                TensorPrimitives.Add(embedding, _timingSignal.AsSpan(position * width, width), row);
                TensorPrimitives.Add(embedding, row, row);
            }
        }
    }

    private float[][] Pool(float[] stream, TokenSegment[] segments, bool allowParallel)
    {
        var width = _layers[^1].OutputWidth;
        var pooled = new float[Math.Max(1, segments.Length * width)];
        for (var i = 0; i < segments.Length; i++)
        {
            var mean = pooled.AsSpan(i * width, width);
            for (var position = 0; position < segments[i].Length; position++)
            {
                TensorPrimitives.Add(mean, stream.AsSpan((segments[i].Start + position) * width, width), mean);
            }

            // An input without tokens pools to zeros, as the graph's max(length, 1) divisor gives.
            TensorPrimitives.Divide(mean, Math.Max(1, segments[i].Length), mean);
        }

        var projected = new float[Math.Max(1, segments.Length * Dimensions)];
        _projection.Forward(pooled, segments.Length, projected, allowParallel: allowParallel);
        var result = new float[segments.Length][];
        for (var i = 0; i < segments.Length; i++)
        {
            var vector = projected.AsSpan(i * Dimensions, Dimensions);
            TensorPrimitives.Tanh(vector, vector);
            var scale = 1f / MathF.Sqrt(MathF.Max(TensorPrimitives.SumOfSquares(vector), _normFloor));
            TensorPrimitives.Multiply(vector, scale, vector);
            result[i] = vector.ToArray();
        }

        return result;
    }
}
