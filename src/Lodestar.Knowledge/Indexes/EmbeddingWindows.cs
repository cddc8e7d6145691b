using System.Globalization;

namespace Lodestar.Knowledge.Indexes;

/// <summary>
/// Splits a passage into overlapping word windows that fit an encoder's input limit, and maps window keys
/// back to their chunk. Each window is one vector; a chunk scores as its best window.
/// </summary>
internal static class EmbeddingWindows
{
    private const char Separator = '#';

    public static string Key(string chunkId, int window) => chunkId + Separator + window.ToString(CultureInfo.InvariantCulture);

    public static string ChunkIdOf(string windowKey)
    {
        var separator = windowKey.LastIndexOf(Separator);
        return separator < 0 ? windowKey : windowKey[..separator];
    }

    /// <summary>Windows of at most <paramref name="windowWords"/> words, overlapping by a quarter; one window when 0.</summary>
    public static IReadOnlyList<string> Split(string text, int windowWords)
    {
        if (windowWords <= 0)
        {
            return [text];
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= windowWords)
        {
            return [text];
        }

        var stride = Math.Max(1, windowWords - (windowWords / 4));
        var windows = new List<string>();
        for (var start = 0; start < words.Length; start += stride)
        {
            var count = Math.Min(windowWords, words.Length - start);
            windows.Add(string.Join(' ', words, start, count));
            if (start + count >= words.Length)
            {
                break;
            }
        }

        return windows;
    }
}
