using System.Buffers;
using System.Globalization;
using System.Text;

namespace Lodestar.Knowledge.Analysis;

/// <summary>
/// Word segmentation following the parts of Unicode UAX #29 that Lucene's StandardTokenizer applies to
/// Latin-script text: letters and digits join, "can't" / "u.s" / "3.5" / "1,000" stay whole, hyphens and
/// other punctuation split, each CJK ideograph or hiragana is its own token.
/// </summary>
internal static class WordBreaker
{
    private enum CharClass : byte
    {
        Other,
        Letter,
        Numeric,
        ExtendNumLet,
        Extend,
        Ideograph,
        MidLetter,
        MidNum,
        MidNumLet,
    }

    /// <summary>Finds the next token at or after <paramref name="position"/>; returns false at the end of the text.</summary>
    public static bool Next(ReadOnlySpan<char> text, ref int position, out int start, out int end)
    {
        var i = position;
        while (i < text.Length)
        {
            var cls = Classify(text, i, out var width);
            if (cls == CharClass.Ideograph)
            {
                start = i;
                end = position = SkipExtend(text, i + width);
                return true;
            }

            if (cls is CharClass.Letter or CharClass.Numeric or CharClass.ExtendNumLet)
            {
                start = i;
                end = position = ScanWord(text, i + width, cls);
                return true;
            }

            i += width;
        }

        start = end = position = text.Length;
        return false;
    }

    private static int ScanWord(ReadOnlySpan<char> text, int i, CharClass last)
    {
        while (i < text.Length)
        {
            var cls = Classify(text, i, out var width);
            switch (cls)
            {
                case CharClass.Letter or CharClass.Numeric or CharClass.ExtendNumLet:
                    last = cls;
                    i += width;
                    continue;
                case CharClass.Extend:
                    i += width;
                    continue;
                case CharClass.MidLetter or CharClass.MidNum or CharClass.MidNumLet:
                    var afterMid = SkipExtend(text, i + width);
                    if (afterMid < text.Length && JoinsAcross(last, cls, Classify(text, afterMid, out _)))
                    {
                        i = afterMid;
                        continue;
                    }

                    return i;
                default:
                    return i;
            }
        }

        return i;
    }

    /// <summary>WB6/7 (letter mid letter) and WB11/12 (digit mid digit).</summary>
    private static bool JoinsAcross(CharClass before, CharClass mid, CharClass after) =>
        (before == CharClass.Letter && after == CharClass.Letter && mid != CharClass.MidNum)
        || (before == CharClass.Numeric && after == CharClass.Numeric && mid != CharClass.MidLetter);

    private static int SkipExtend(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && Classify(text, i, out var width) == CharClass.Extend)
        {
            i += width;
        }

        return i;
    }

    private static CharClass Classify(ReadOnlySpan<char> text, int i, out int width)
    {
        var c = text[i];
        width = 1;
        if (c < 0x80)
        {
            return AsciiClasses[c];
        }

        if (!char.IsSurrogate(c))
        {
            return ClassifyRune(new Rune(c));
        }

        if (Rune.DecodeFromUtf16(text[i..], out var rune, out width) != OperationStatus.Done)
        {
            width = 1;
            return CharClass.Other;
        }

        return ClassifyRune(rune);
    }

    private static CharClass ClassifyRune(Rune r)
    {
        var v = r.Value;
        switch (v)
        {
            case 0x00B7 or 0x0387 or 0x05F4 or 0x2027 or 0xFE13 or 0xFE55 or 0xFF1A:
                return CharClass.MidLetter;
            case 0x2018 or 0x2019 or 0x2024 or 0xFE52 or 0xFF07 or 0xFF0E:
                return CharClass.MidNumLet;
            case 0x037E or 0x0589 or 0x060C or 0x060D or 0x066C or 0x07F8 or 0x2044 or 0xFE10 or 0xFE14 or 0xFE50 or 0xFE54 or 0xFF0C or 0xFF1B:
                return CharClass.MidNum;
            case 0x200D or 0x200C:
                return CharClass.Extend;
        }

        if ((v >= 0x3040 && v <= 0x309F) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF)
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x20000 && v <= 0x2FFFF))
        {
            return CharClass.Ideograph;
        }

        return Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => CharClass.Letter,
            UnicodeCategory.DecimalDigitNumber => CharClass.Numeric,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format => CharClass.Extend,
            UnicodeCategory.ConnectorPunctuation => CharClass.ExtendNumLet,
            _ => CharClass.Other,
        };
    }

    private static readonly CharClass[] AsciiClasses = BuildAsciiClasses();

    private static CharClass[] BuildAsciiClasses()
    {
        var classes = new CharClass[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            classes[c] = CharClass.Letter;
            classes[char.ToUpperInvariant(c)] = CharClass.Letter;
        }

        for (var c = '0'; c <= '9'; c++)
        {
            classes[c] = CharClass.Numeric;
        }

        classes['_'] = CharClass.ExtendNumLet;
        classes[':'] = CharClass.MidLetter;
        classes['.'] = CharClass.MidNumLet;
        classes['\''] = CharClass.MidNumLet;
        classes[','] = CharClass.MidNum;
        classes[';'] = CharClass.MidNum;
        return classes;
    }
}
