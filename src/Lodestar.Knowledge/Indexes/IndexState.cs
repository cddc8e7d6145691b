using System.Text.Json;

namespace Lodestar.Knowledge.Indexes;

/// <summary>
/// How far a knowledge base's indexes have replayed the store's change log. Written after the indexes
/// commit, so a crash in between only makes the next catch-up replay (idempotently) a little more.
/// </summary>
internal sealed record IndexState(long LexicalSequence, long VectorSequence, string? EmbeddingModel, int VectorDimensions)
{
    public static IndexState Empty { get; } = new(0, 0, null, 0);

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
    }
}
