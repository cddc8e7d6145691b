using Lodestar.Knowledge.Vectors;

namespace Lodestar.Knowledge.Tests.Vectors;

/// <summary>
/// The workload a crash test runs in a separate process (entered through <c>StartupHook</c>): commit after commit,
/// each a deterministic function of its generation, until the parent kills it with SIGKILL.
/// </summary>
internal static class CrashChild
{
    public const string DirectoryVariable = "LODESTAR_VECTORS_CRASH_CHILD";
    public const int Dimensions = 256;
    public const int ChunksPerGeneration = 400;
    public const int LiveDocuments = 3;

    public static VectorIndexOptions Options { get; } = new(Dimensions, M: 4, EfConstruction: 8);

    public static void Run(string directory)
    {
        using var index = VectorIndex.Open(directory, Options);
        while (true)
        {
            Apply(index, index.Generation + 1);
            index.Commit();
            Console.Out.WriteLine("committed " + index.Generation);
            Console.Out.Flush();
        }
    }

    /// <summary>Generation g adds document g's chunks and deletes document g − 3, so deletions and compactions happen too.</summary>
    public static void Apply(VectorIndex index, long generation)
    {
        for (var i = 0; i < ChunksPerGeneration; i++)
        {
            index.Add(ChunkId(generation, i), DocumentId(generation), Vector(generation, i));
        }

        index.DeleteDocument(DocumentId(generation - LiveDocuments));
    }

    public static string DocumentId(long generation) => "doc" + generation;

    public static string ChunkId(long generation, int i) => $"g{generation}-{i}";

    public static float[] Vector(long generation, int i)
    {
        var random = new Random((int)(generation * 100_003) + i);
        var vector = new float[Dimensions];
        for (var j = 0; j < vector.Length; j++)
        {
            vector[j] = (float)(random.NextDouble() - 0.5);
        }

        return vector;
    }
}
