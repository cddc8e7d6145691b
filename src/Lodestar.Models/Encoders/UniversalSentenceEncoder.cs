using Lodestar.Core;
using Microsoft.Extensions.AI;

namespace Lodestar.Models.Encoders;

/// <summary>
/// Universal Sentence Encoder lite (TF.js graph model, 512-d, first 128 SentencePiece tokens) run
/// in pure C#. Thread-safe: weights are immutable and every call uses its own pooled buffers.
/// </summary>
public sealed class UniversalSentenceEncoder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "use-lite-0.2.0";

    // Caps the packed rows of one forward pass (at most 128 per input) to bound scratch memory.
    private const int MaxRowsPerPass = 4096;

    private readonly SentencePieceTokenizer _tokenizer;
    private readonly UseLiteNetwork _network;
    private readonly EmbeddingGeneratorMetadata _metadata;

    private UniversalSentenceEncoder(SentencePieceTokenizer tokenizer, UseLiteNetwork network)
    {
        _tokenizer = tokenizer;
        _network = network;
        _metadata = new EmbeddingGeneratorMetadata("lodestar", providerUri: null, ModelId, network.Dimensions);
    }

    public int Dimensions => _network.Dimensions;

    public int MaxTokens => _network.MaxTokens;

    /// <summary>Loads model.json, its weight shards and vocab.json from <paramref name="modelDirectory"/>.</summary>
    public static UniversalSentenceEncoder Load(string modelDirectory)
    {
        if (!Directory.Exists(modelDirectory))
        {
            throw LodestarException.Invalid($"Model directory not found: {modelDirectory} (run scripts/fetch-model.sh).");
        }

        var tokenizer = SentencePieceTokenizer.Load(Path.Combine(modelDirectory, "vocab.json"));
        var network = UseLiteGraphReader.Read(TfjsGraphModel.Load(Path.Combine(modelDirectory, "model.json")));
        return new UniversalSentenceEncoder(tokenizer, network);
    }

    /// <summary>Unit-length embedding of one text.</summary>
    public float[] Embed(string text) => EmbedBatch([text])[0];

    /// <summary>Unit-length embeddings, in input order; inputs are packed into shared matrix products.</summary>
    public float[][] EmbedBatch(IReadOnlyList<string> texts) => EmbedBatch(texts, CancellationToken.None);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } dimensions && dimensions != Dimensions)
        {
            throw LodestarException.Invalid($"{ModelId} produces {Dimensions}-dimensional embeddings, not {dimensions}.");
        }

        var texts = values.ToArray();
        using var span = ModelsTelemetry.Source.StartActivity("models.embed");
        span?.SetTag("lodestar.model", ModelId).SetTag("lodestar.inputs", texts.Length);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var vectors = await Task.Run(() => EmbedBatch(texts, cancellationToken), cancellationToken).ConfigureAwait(false);
        var model = new KeyValuePair<string, object?>("model", ModelId);
        ModelsTelemetry.EmbedDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, model);
        ModelsTelemetry.Embeddings.Add(texts.Length, model);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        foreach (var vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = DateTimeOffset.UtcNow });
        }

        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // Nothing to release: weights are managed arrays and buffers go back to the pool per call.
    }

    private float[][] EmbedBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw LodestarException.Invalid($"Text {i} of the batch is null.");
            }
        }

        var tokens = new int[texts.Count][];
        Parallel.For(0, texts.Count, i => tokens[i] = _tokenizer.Encode(texts[i]));

        // Whole passes per core beat splitting every operator: one join per batch instead of dozens.
        var passes = PlanPasses(tokens);
        var result = new float[texts.Count][];
        if (passes.Count == 1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _network.Encode(tokens, allowParallel: true).CopyTo(result, 0);
            return result;
        }

        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, passes.Count, options, p =>
        {
            var (start, count) = passes[p];
            _network.Encode(new ArraySegment<int[]>(tokens, start, count), allowParallel: false).CopyTo(result, start);
        });

        return result;
    }

    // Consecutive inputs grouped so each core gets a share of the rows, capped to bound scratch memory.
    private List<(int Start, int Count)> PlanPasses(int[][] tokens)
    {
        var totalRows = 0L;
        foreach (var sequence in tokens)
        {
            totalRows += Math.Min(sequence.Length, MaxTokens);
        }

        var budget = (int)Math.Clamp((totalRows + Environment.ProcessorCount - 1) / Environment.ProcessorCount, 1, MaxRowsPerPass);
        var passes = new List<(int, int)>();
        var start = 0;
        while (start < tokens.Length)
        {
            var end = start;
            var rows = 0;
            while (end < tokens.Length && (end == start || rows + Math.Min(tokens[end].Length, MaxTokens) <= budget))
            {
                rows += Math.Min(tokens[end].Length, MaxTokens);
                end++;
            }

            passes.Add((start, end - start));
            start = end;
        }

        return passes;
    }
}
