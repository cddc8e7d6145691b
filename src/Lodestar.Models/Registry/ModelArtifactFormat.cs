using System.Text.Json;
using System.Text.Json.Serialization;
using Lodestar.Core;
using Lodestar.Models.Training;

namespace Lodestar.Models.Registry;

/// <summary>
/// The artifact file: one JSON document <c>{"format":"lodestar-model","formatVersion":1,"model":{...}}</c>.
/// The file's SHA-256 names it, so any change to the bytes is detected on load.
/// </summary>
internal static class ModelArtifactFormat
{
    public const string Format = "lodestar-model";
    public const int Version = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] Serialize(TabularModel model) =>
        JsonSerializer.SerializeToUtf8Bytes(new Envelope(Format, Version, model), Options);

    /// <summary>Checks the bytes still hash to the id they were stored under, then reads the model.</summary>
    public static TabularModel Load(ReadOnlySpan<byte> bytes, string sha256)
    {
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        if (actual != sha256)
        {
            throw LodestarException.Invalid($"model artifact {sha256} is corrupt (its checksum is {actual})");
        }

        return Deserialize(bytes);
    }

    private static TabularModel Deserialize(ReadOnlySpan<byte> bytes)
    {
        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(bytes, Options);
        }
        catch (JsonException error)
        {
            throw new LodestarException(ErrorKind.Invalid, $"model artifact is not valid: {error.Message}", error);
        }

        if (envelope is null || envelope.Format != Format)
        {
            throw LodestarException.Invalid("file is not a Lodestar model artifact");
        }

        if (envelope.FormatVersion > Version)
        {
            throw LodestarException.Invalid($"model artifact format {envelope.FormatVersion} is newer than this build supports ({Version})");
        }

        return envelope.Model;
    }

    private sealed record Envelope(string Format, int FormatVersion, TabularModel Model);
}
