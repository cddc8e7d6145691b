using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lodestar.Knowledge.Settings;

/// <summary>
/// One knowledge base's own settings, stored in the system of record so every node applies the same. A null section
/// falls back to the host's defaults (<c>Lodestar:Knowledge</c> configuration, the host's embedding model and chat model).
/// </summary>
public sealed record KnowledgeBaseSettings
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public AnalyzerSettings? Analyzer { get; init; }

    public Bm25Settings? Bm25 { get; init; }

    public ChunkingSettings? Chunking { get; init; }

    public EmbeddingProviderSettings? Embedding { get; init; }

    public ChatProviderSettings? Chat { get; init; }

    /// <summary>The settings as stored (camelCase JSON, nulls left out).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static KnowledgeBaseSettings FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<KnowledgeBaseSettings>(json, Json) ?? new KnowledgeBaseSettings();
        }
        catch (JsonException error)
        {
            throw Core.LodestarException.Invalid($"knowledge base settings are not valid JSON: {error.Message}");
        }
    }
}
