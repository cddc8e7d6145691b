using Microsoft.Extensions.AI;

namespace Lodestar.Testing;

/// <summary>
/// A real, deterministic embedding model for tests: lower-cased word tokens hashed (FNV-1a) into signed buckets.
/// Texts sharing words get high cosine, unrelated texts near zero.
/// </summary>
public sealed class HashedBagOfWordsGenerator(int dimensions = 256) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Calls { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        Calls++;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            embeddings.Add(new Embedding<float>(Embed(text)));
        }

        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private float[] Embed(string text)
    {
        var vector = new float[dimensions];
        foreach (var token in text.ToLowerInvariant().Split([' ', ',', '.', '?', '!'], StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = 2166136261u;
            foreach (var c in token)
            {
                hash = (hash ^ c) * 16777619u;
            }

            vector[hash % (uint)dimensions] += (hash & 0x8000_0000) == 0 ? 1f : -1f;
        }

        return vector;
    }
}
