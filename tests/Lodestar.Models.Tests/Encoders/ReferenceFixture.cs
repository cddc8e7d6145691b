using System.Text.Json;
using System.Text.Json.Serialization;
using Lodestar.Models.Encoders;

namespace Lodestar.Models.Tests.Encoders;

/// <summary>Token ids and embeddings the TF.js reference produced (tools/encoder-reference/make-fixtures.js).</summary>
internal sealed class ReferenceFixture
{
    private static readonly Lazy<ReferenceFixture> Loaded = new(Read);
    private static readonly Lazy<UniversalSentenceEncoder> SharedEncoder =
        new(() => UniversalSentenceEncoder.Load(ModelCache.TryLocate() ?? throw new InvalidOperationException("model not cached")));

    [JsonPropertyName("model")]
    public string Model { get; init; } = "";

    [JsonPropertyName("nfkcProbeSha256")]
    public string NfkcProbeSha256 { get; init; } = "";

    [JsonPropertyName("cases")]
    public List<ReferenceCase> Cases { get; init; } = [];

    public static ReferenceFixture Instance => Loaded.Value;

    /// <summary>One encoder for the whole test run; loading packs 28 MB of weights.</summary>
    public static UniversalSentenceEncoder Encoder => SharedEncoder.Value;

    private static ReferenceFixture Read()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Encoders", "Fixtures", "use-lite-reference.json");
        return JsonSerializer.Deserialize<ReferenceFixture>(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"empty fixture {path}");
    }
}
