using System.Text.Json.Serialization;

namespace Lodestar.Models.Tests.Encoders;

internal sealed class ReferenceCase
{
    [JsonPropertyName("text")]
    public string Text { get; init; } = "";

    [JsonPropertyName("tokens")]
    public int[] Tokens { get; init; } = [];

    [JsonPropertyName("embedding")]
    public float[] Embedding { get; init; } = [];
}
