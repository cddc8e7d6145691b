namespace Lodestar.Knowledge.Passages;

/// <summary>
/// Finds sentence ranges in a passage: a sentence ends at '.', '!' or '?' followed by white space (not after a
/// single capital letter or a common abbreviation), or at a line break that separates blocks or list items.
/// Ranges are trimmed and index the original text, so a sentence is always a verbatim slice.
/// </summary>
internal static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "inc", "ltd", "no", "fig", "al", "approx",
    };

    public static List<Range> Split(string text)
    {
        var sentences = new List<Range>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var boundary = false;
            if (c == '\n' && (i + 1 >= text.Length || text[i + 1] == '\n' || IsListMarker(text, i + 1)))
            {
                boundary = true;
            }
            else if (c is '.' or '!' or '?' && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]) && !IsAbbreviation(text, start, i))
            {
                boundary = true;
            }

            if (boundary)
            {
                Add(text, start, i + 1, sentences);
                start = i + 1;
            }
        }

        Add(text, start, text.Length, sentences);
        return sentences;
    }

    private static bool IsListMarker(string text, int index)
    {
        while (index < text.Length && text[index] == ' ')
        {
            index++;
        }

        return index < text.Length && (text[index] is '-' or '*' or '•' || char.IsAsciiDigit(text[index]));
    }

    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var wordStart = dot;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, dot - wordStart);
        // "1." opening a line is a list marker, not the end of a sentence.
        if (wordStart == sentenceStart && word.Length is > 0 and <= 3 && !word.ContainsAnyExcept("0123456789"))
        {
            return true;
        }

        return (word.Length == 1 && char.IsUpper(word[0])) || Abbreviations.Contains(word.ToString()) || (dot > 0 && char.IsAsciiDigit(text[dot - 1]) && dot + 2 < text.Length && char.IsAsciiDigit(text[dot + 2]));
    }

    private static void Add(string text, int start, int end, List<Range> sentences)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(start..end);
        }
    }
}
