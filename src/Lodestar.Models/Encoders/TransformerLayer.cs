namespace Lodestar.Models.Encoders;

/// <summary>
/// A pre-norm transformer block: x += Attention(LN(x)); x += FFN(LN(x)), with an optional dense
/// projection of the residual when the block widens the stream (USE lite's first layer does).
/// </summary>
internal sealed class TransformerLayer
{
    private readonly LayerNorm _attentionNorm;
    private readonly MultiHeadSelfAttention _attention;
    private readonly DenseLayer? _residualProjection;
    private readonly LayerNorm _feedForwardNorm;
    private readonly DenseLayer _feedForwardIn;
    private readonly DenseLayer _feedForwardOut;

    public TransformerLayer(
        LayerNorm attentionNorm,
        MultiHeadSelfAttention attention,
        DenseLayer? residualProjection,
        LayerNorm feedForwardNorm,
        DenseLayer feedForwardIn,
        DenseLayer feedForwardOut)
    {
        var widens = attentionNorm.Width != attention.OutputWidth;
        if (widens != residualProjection is not null
            || feedForwardNorm.Width != attention.OutputWidth
            || feedForwardIn.Inputs != attention.OutputWidth
            || feedForwardOut.Inputs != feedForwardIn.Outputs
            || feedForwardOut.Outputs != attention.OutputWidth)
        {
            throw new ArgumentException("Transformer layer parts have mismatched widths.");
        }

        _attentionNorm = attentionNorm;
        _attention = attention;
        _residualProjection = residualProjection;
        _feedForwardNorm = feedForwardNorm;
        _feedForwardIn = feedForwardIn;
        _feedForwardOut = feedForwardOut;
    }

    public int InputWidth => _attentionNorm.Width;

    public int OutputWidth => _attention.OutputWidth;

    /// <summary>Widest intermediate (QKV or FFN hidden) per row, for sizing scratch buffers.</summary>
    public int ScratchWidth => Math.Max(3 * _attention.Width, _feedForwardIn.Outputs);

    /// <summary>Reads <paramref name="input"/> (InputWidth per row) and writes <paramref name="output"/> (OutputWidth per row).</summary>
    public void Forward(float[] input, float[] output, TokenSegment[] segments, int rows, EncoderWorkspace workspace)
    {
        if (_residualProjection is null)
        {
            input.AsSpan(0, rows * InputWidth).CopyTo(output);
        }
        else
        {
            _residualProjection.Forward(input, rows, output, allowParallel: workspace.AllowParallel);
        }

        _attentionNorm.Forward(input, rows, workspace.Normed);
        _attention.Forward(workspace.Normed, segments, rows, workspace.Scratch, workspace.Context, output, workspace.AllowParallel);
        _feedForwardNorm.Forward(output, rows, workspace.Normed);
        _feedForwardIn.Forward(workspace.Normed, rows, workspace.Scratch, GemmEpilogue.Relu, workspace.AllowParallel);
        _feedForwardOut.Forward(workspace.Scratch, rows, output, GemmEpilogue.Accumulate, workspace.AllowParallel);
    }
}
