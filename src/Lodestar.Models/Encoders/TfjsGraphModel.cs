using System.Text.Json;
using Lodestar.Core;

namespace Lodestar.Models.Encoders;

/// <summary>
/// A TF.js graph model on disk: model.json (GraphDef topology + weightsManifest) and its binary
/// shards. Decodes float32, int32, bool and the uint8/uint16/float16 quantised encodings.
/// </summary>
internal sealed class TfjsGraphModel
{
    private readonly Dictionary<string, string> _nodeOps;
    private readonly Dictionary<string, TfjsTensor> _weights;

    private TfjsGraphModel(Dictionary<string, string> nodeOps, Dictionary<string, TfjsTensor> weights)
    {
        _nodeOps = nodeOps;
        _weights = weights;
    }

    /// <summary>Op type of every graph node by node name.</summary>
    public IReadOnlyDictionary<string, string> NodeOps => _nodeOps;

    public static TfjsGraphModel Load(string modelJsonPath)
    {
        if (!File.Exists(modelJsonPath))
        {
            throw LodestarException.Invalid($"TF.js model not found: {modelJsonPath}");
        }

        try
        {
            using var stream = File.OpenRead(modelJsonPath);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            var directory = Path.GetDirectoryName(Path.GetFullPath(modelJsonPath))!;
            return new TfjsGraphModel(ReadNodeOps(root, modelJsonPath), ReadWeights(root, directory, modelJsonPath));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw LodestarException.Invalid($"TF.js model {modelJsonPath} is malformed: {ex.Message}");
        }
    }

    /// <summary>The weight called <paramref name="name"/>; a clear error if the model lacks it.</summary>
    public TfjsTensor Weight(string name) =>
        _weights.TryGetValue(name, out var tensor)
            ? tensor
            : throw LodestarException.Invalid($"TF.js model has no weight named {name}; is this the expected model?");

    private static Dictionary<string, string> ReadNodeOps(JsonElement root, string path)
    {
        var ops = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("modelTopology", out var topology) || !topology.TryGetProperty("node", out var nodes))
        {
            throw LodestarException.Invalid($"TF.js model {path} has no modelTopology.node list (not a graph model).");
        }

        foreach (var node in nodes.EnumerateArray())
        {
            ops[node.GetProperty("name").GetString()!] = node.GetProperty("op").GetString()!;
        }

        return ops;
    }

    private static Dictionary<string, TfjsTensor> ReadWeights(JsonElement root, string directory, string path)
    {
        if (!root.TryGetProperty("weightsManifest", out var manifest))
        {
            throw LodestarException.Invalid($"TF.js model {path} has no weightsManifest.");
        }

        var weights = new Dictionary<string, TfjsTensor>(StringComparer.Ordinal);
        foreach (var group in manifest.EnumerateArray())
        {
            var bytes = ReadShards(group.GetProperty("paths"), directory);
            var offset = 0;
            foreach (var entry in group.GetProperty("weights").EnumerateArray())
            {
                var tensor = TfjsWeightDecoder.Decode(entry, bytes, ref offset);
                weights[tensor.Name] = tensor;
            }

            if (offset != bytes.Length)
            {
                throw LodestarException.Invalid(
                    $"TF.js model {path}: shards hold {bytes.Length} bytes but the manifest describes {offset}; the download is corrupt.");
            }
        }

        return weights;
    }

    private static byte[] ReadShards(JsonElement paths, string directory)
    {
        var files = paths.EnumerateArray().Select(p => Path.Combine(directory, p.GetString()!)).ToArray();
        var missing = files.FirstOrDefault(f => !File.Exists(f));
        if (missing is not null)
        {
            throw LodestarException.Invalid($"TF.js weight shard missing: {missing}");
        }

        var total = files.Sum(f => new FileInfo(f).Length);
        var bytes = new byte[total];
        var written = 0;
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            stream.ReadExactly(bytes, written, (int)stream.Length);
            written += (int)stream.Length;
        }

        return bytes;
    }
}
