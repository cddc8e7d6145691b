using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lodestar.Models.Encoders;

/// <summary>8 floats per AVX2 vector.</summary>
internal readonly struct Lanes256 : IVectorLanes<Vector256<float>>
{
    public static int Count => 8;

    public static Vector256<float> Load(ref float source, int offset) => Vector256.LoadUnsafe(ref Unsafe.Add(ref source, offset));

    public static void Store(Vector256<float> value, ref float destination, int offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    // Without FMA hardware the fused form would be emulated in software; a separate multiply and add is far cheaper.
    public static Vector256<float> MultiplyAdd(Vector256<float> x, Vector256<float> y, Vector256<float> addend) =>
        Fma.IsSupported ? Fma.MultiplyAdd(x, y, addend) : (x * y) + addend;

    public static Vector256<float> Add(Vector256<float> x, Vector256<float> y) => x + y;

    public static Vector256<float> Relu(Vector256<float> x) => Vector256.Max(x, Vector256<float>.Zero);
}
