namespace Lodestar.Models.Encoders;

/// <summary>A fully connected layer (y = x·W + b) with its kernel pre-packed for <see cref="Gemm"/>.</summary>
internal sealed class DenseLayer
{
    private readonly float[] _packedKernel;
    private readonly float[] _bias;

    public DenseLayer(ReadOnlySpan<float> kernel, float[] bias, int inputs, int outputs)
    {
        if (kernel.Length != inputs * outputs || bias.Length != outputs)
        {
            throw new ArgumentException($"Dense layer {inputs}x{outputs} got {kernel.Length} weights and {bias.Length} biases.");
        }

        Inputs = inputs;
        Outputs = outputs;
        _packedKernel = Gemm.Pack(kernel, inputs, outputs);
        _bias = bias;
    }

    public int Inputs { get; }

    public int Outputs { get; }

    /// <summary>Applies the layer to the first <paramref name="rows"/> rows of <paramref name="input"/>.</summary>
    public void Forward(float[] input, int rows, float[] output, GemmEpilogue epilogue = GemmEpilogue.None, bool allowParallel = true) =>
        Gemm.Multiply(input, rows, Inputs, _packedKernel, _bias, Outputs, output, epilogue, allowParallel);
}
