using System.Numerics.Tensors;
using Lodestar.Core;
using Lodestar.Models.Encoders;
using Microsoft.Extensions.AI;

namespace Lodestar.Models.Tests.Encoders;

public sealed class UniversalSentenceEncoderTests
{
    private const float MinimumCosine = 0.999f;

    [Fact]
    public void Fixture_Loaded_HasEnoughVariedCases()
    {
        var cases = ReferenceFixture.Instance.Cases;

        Assert.Equal(UniversalSentenceEncoder.ModelId, ReferenceFixture.Instance.Model);
        Assert.True(cases.Count >= 30);
        Assert.Contains(cases, c => c.Text.Length == 0);
        Assert.Contains(cases, c => c.Tokens.Length > 128);
        Assert.All(cases, c => Assert.Equal(512, c.Embedding.Length));
    }

    [ModelFact]
    public void Embed_EachFixtureSentence_MatchesReferenceCosine()
    {
        var encoder = ReferenceFixture.Encoder;

        foreach (var reference in ReferenceFixture.Instance.Cases)
        {
            var actual = encoder.Embed(reference.Text);

            var cosine = TensorPrimitives.CosineSimilarity(actual, reference.Embedding);
            Assert.True(cosine >= MinimumCosine, $"cosine {cosine} for \"{reference.Text}\"");
        }
    }

    [ModelFact]
    public void EmbedBatch_MixedLengths_EqualsOneAtATime()
    {
        var encoder = ReferenceFixture.Encoder;
        var texts = ReferenceFixture.Instance.Cases.Select(c => c.Text).ToArray();

        var batch = encoder.EmbedBatch(texts);

        Assert.Equal(texts.Length, batch.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(batch[i], encoder.Embed(texts[i])) > 0.99999f, texts[i]);
        }
    }

    [ModelFact]
    public void Embed_ConcurrentCallers_GetIdenticalVectors()
    {
        var encoder = ReferenceFixture.Encoder;
        var text = ReferenceFixture.Instance.Cases[1].Text;
        var expected = encoder.Embed(text);

        var results = new float[8][];
        Parallel.For(0, results.Length, i => results[i] = encoder.Embed(text));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [ModelFact]
    public void Embed_AnyText_IsUnitLength()
    {
        var vector = ReferenceFixture.Encoder.Embed("unit length check");

        Assert.Equal(512, vector.Length);
        Assert.Equal(1f, TensorPrimitives.Norm(vector), 1e-4f);
    }

    [ModelFact]
    public void Embed_TokensPastTheLimit_AreIgnored()
    {
        var encoder = ReferenceFixture.Encoder;
        var head = string.Join(' ', Enumerable.Repeat("alpha", encoder.MaxTokens));

        var truncated = encoder.Embed(head);
        var longer = encoder.Embed(head + " completely different words at the end");

        Assert.Equal(truncated, longer);
    }

    [ModelFact]
    public async Task GenerateAsync_Texts_ReturnsEmbeddingsAndMetadata()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = ReferenceFixture.Encoder;

        var embeddings = await generator.GenerateAsync(["first", "second"]);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(UniversalSentenceEncoder.ModelId, embeddings[0].ModelId);
        Assert.Equal(ReferenceFixture.Encoder.Embed("second"), embeddings[1].Vector.ToArray());
        Assert.Equal(UniversalSentenceEncoder.ModelId, metadata?.DefaultModelId);
        Assert.Equal(512, metadata?.DefaultModelDimensions);
    }

    [ModelFact]
    public async Task GenerateAsync_OtherDimensions_ThrowsInvalid()
    {
        var options = new EmbeddingGenerationOptions { Dimensions = 384 };

        var error = await Assert.ThrowsAsync<LodestarException>(() => ReferenceFixture.Encoder.GenerateAsync(["x"], options));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void Load_MissingDirectory_ThrowsInvalid()
    {
        var missing = Path.Combine(Path.GetTempPath(), "lodestar-no-model-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<LodestarException>(() => UniversalSentenceEncoder.Load(missing));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("fetch-model.sh", error.Message);
    }

    [ModelFact]
    public void Load_TruncatedShard_ThrowsInvalidNamingCorruption()
    {
        var source = ModelCache.TryLocate()!;
        var copy = Directory.CreateTempSubdirectory("lodestar-corrupt-model-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            using (var shard = File.OpenWrite(Path.Combine(copy, "group1-shard7of7")))
            {
                shard.SetLength(shard.Length - 100);
            }

            var error = Assert.Throws<LodestarException>(() => UniversalSentenceEncoder.Load(copy));

            Assert.Equal(ErrorKind.Invalid, error.Kind);
            Assert.Contains("corrupt", error.Message);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
