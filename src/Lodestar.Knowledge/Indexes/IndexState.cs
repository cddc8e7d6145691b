using System.Text.Json;
using Lodestar.Knowledge.Durability;
using Lodestar.Knowledge.Settings;

namespace Lodestar.Knowledge.Indexes;

/// <summary>
/// How far a knowledge base's indexes have replayed the store's change log, and which generation of each is serving:
/// the pointer a rebuild switches atomically (temp file, fsync, rename, directory fsync). Written after the indexes
/// commit, so a crash in between only makes the next catch-up replay (idempotently) a little more.
/// </summary>
/// <param name="EmbeddingModel">Model that built the serving vectors (and must embed queries against them).</param>
internal sealed record IndexState(long LexicalSequence, long VectorSequence, string? EmbeddingModel, int VectorDimensions)
{
    public static IndexState Empty { get; } = new(0, 0, null, 0);

    /// <summary>Serving lexical index directory; null is the first layout's <c>lexical</c>.</summary>
    public string? LexicalDirectory { get; init; }

    /// <summary>Analyzer that built the serving lexical index; null is the English default every index had before settings.</summary>
    public AnalyzerSettings? LexicalAnalyzer { get; init; }

    /// <summary>Serving vector generation's directory; null is the first layout's <c>vectors-MODEL</c>.</summary>
    public string? VectorDirectory { get; init; }

    /// <summary>Provider settings of the serving generation's model (null: the host's default model).</summary>
    public EmbeddingProviderSettings? EmbeddingProvider { get; init; }

    /// <summary>A vector generation being built beside the serving one, or null.</summary>
    public VectorBuild? Build { get; init; }

    public static IndexState Read(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<IndexState>(File.ReadAllText(path)) ?? Empty;
        }
        catch (JsonException)
        {
            // A damaged state file only costs a full replay, never wrong results.
            return Empty;
        }
    }

    public void Write(string path)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
