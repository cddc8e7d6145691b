namespace Lodestar.Knowledge.Tests.Vectors;

/// <summary>Deterministic synthetic vectors: Gaussian clusters resemble embedding data far better than uniform noise.</summary>
internal static class TestVectors
{
    /// <summary><paramref name="count"/> vectors of <paramref name="dimensions"/>, row-major, around <paramref name="clusters"/> random centres.</summary>
    public static float[] Clustered(int count, int dimensions, int clusters, int seed, float spread = 0.35f)
    {
        var random = new Random(seed);
        var centres = new float[clusters * dimensions];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = Gaussian(random);
        }

        var data = new float[count * dimensions];
        for (var n = 0; n < count; n++)
        {
            var centre = random.Next(clusters);
            for (var j = 0; j < dimensions; j++)
            {
                data[(n * dimensions) + j] = centres[(centre * dimensions) + j] + (spread * Gaussian(random));
            }
        }

        return data;
    }

    public static ReadOnlySpan<float> Row(float[] data, int dimensions, int row) => data.AsSpan(row * dimensions, dimensions);

    /// <summary>Fraction of the true top-k ids that <paramref name="found"/> contains.</summary>
    public static double Recall<T>(IEnumerable<T> truth, IEnumerable<T> found) =>
        (double)truth.Intersect(found).Count() / truth.Count();

    private static float Gaussian(Random random)
    {
        // Box-Muller; 1 - U keeps the logarithm's argument away from zero.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
