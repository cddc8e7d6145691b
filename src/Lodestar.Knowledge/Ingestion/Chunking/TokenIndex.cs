using System.Globalization;

namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// The chunker's token: a maximal run of letters, digits, underscores and combining marks is one token, and every
/// other non-whitespace character (punctuation, symbols) is a token of its own. This tracks sub-word model
/// tokenizers closely enough for sizing (English prose: about 1.2 model tokens per such token) without shipping a
/// vocabulary. The index keeps every token's offsets so counts over any range are two binary searches.
/// </summary>
internal sealed class TokenIndex
{
    private readonly int[] _starts;
    private readonly int[] _ends;

    public TokenIndex(string text)
    {
        Text = text;
        var count = Count(text);
        _starts = new int[count];
        _ends = new int[count];
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            Next(text, ref position, out _starts[i], out _ends[i]);
        }
    }

    public string Text { get; }

    public int Length => _starts.Length;

    public int StartOf(int token) => _starts[token];

    public int EndOf(int token) => _ends[token];

    /// <summary>Tokens beginning inside [start, end).</summary>
    public int Count(int start, int end) => FirstAtOrAfter(end) - FirstAtOrAfter(start);

    /// <summary>Index of the first token starting at or after <paramref name="offset"/>.</summary>
    public int FirstAtOrAfter(int offset)
    {
        var index = Array.BinarySearch(_starts, offset);
        return index >= 0 ? index : ~index;
    }

    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        var position = 0;
        while (Next(text, ref position, out _, out _))
        {
            count++;
        }

        return count;
    }

    private static bool Next(ReadOnlySpan<char> text, ref int position, out int start, out int end)
    {
        var i = position;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        start = i;
        if (i == text.Length)
        {
            end = i;
            position = i;
            return false;
        }

        i++;
        if (IsWordChar(text[start]))
        {
            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }
        }
        else if (char.IsHighSurrogate(text[start]) && i < text.Length && char.IsLowSurrogate(text[i]))
        {
            i++;
        }

        end = i;
        position = i;
        return true;
    }

    private static bool IsWordChar(char c) =>
        c < 128
            ? char.IsAsciiLetterOrDigit(c) || c == '_'
            : char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
