namespace Lodestar.Models.Encoders;

/// <summary>What <see cref="Gemm"/> does with A·B + bias before storing it.</summary>
[Flags]
internal enum GemmEpilogue
{
    None = 0,

    /// <summary>Add to the values already in C (fuses a residual connection).</summary>
    Accumulate = 1,

    /// <summary>max(0, x) after everything else.</summary>
    Relu = 2,
}
