using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Lodestar.Models.Encoders;

/// <summary>16 floats per AVX-512 vector.</summary>
internal readonly struct Lanes512 : IVectorLanes<Vector512<float>>
{
    public static int Count => 16;

    public static Vector512<float> Load(ref float source, int offset) => Vector512.LoadUnsafe(ref Unsafe.Add(ref source, offset));

    public static void Store(Vector512<float> value, ref float destination, int offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    public static Vector512<float> MultiplyAdd(Vector512<float> x, Vector512<float> y, Vector512<float> addend) => Vector512.FusedMultiplyAdd(x, y, addend);

    public static Vector512<float> Add(Vector512<float> x, Vector512<float> y) => x + y;

    public static Vector512<float> Relu(Vector512<float> x) => Vector512.Max(x, Vector512<float>.Zero);
}
