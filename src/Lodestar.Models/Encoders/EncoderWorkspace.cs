using System.Buffers;

namespace Lodestar.Models.Encoders;

/// <summary>Pooled scratch buffers for one forward pass, so concurrent calls never share state.</summary>
internal sealed class EncoderWorkspace : IDisposable
{
    public EncoderWorkspace(int rows, int streamWidth, int scratchWidth, bool allowParallel)
    {
        AllowParallel = allowParallel;
        var stream = Math.Max(1, rows * streamWidth);
        Current = ArrayPool<float>.Shared.Rent(stream);
        Next = ArrayPool<float>.Shared.Rent(stream);
        Normed = ArrayPool<float>.Shared.Rent(stream);
        Context = ArrayPool<float>.Shared.Rent(stream);
        Scratch = ArrayPool<float>.Shared.Rent(Math.Max(1, rows * scratchWidth));
    }

    /// <summary>False when the caller already runs one pass per core; operators then stay on this thread.</summary>
    public bool AllowParallel { get; }

    /// <summary>The residual stream going into the next layer.</summary>
    public float[] Current { get; private set; }

    /// <summary>Where the next layer writes its output.</summary>
    public float[] Next { get; private set; }

    public float[] Normed { get; }

    public float[] Context { get; }

    /// <summary>QKV projections, then the feed-forward hidden layer.</summary>
    public float[] Scratch { get; }

    public void Swap() => (Current, Next) = (Next, Current);

    public void Dispose()
    {
        foreach (var buffer in new[] { Current, Next, Normed, Context, Scratch })
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
