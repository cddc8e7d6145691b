namespace Lodestar.Knowledge.Analysis;

/// <summary>
/// Turns text into index terms: UAX #29 word segmentation, English possessive removal, lowercasing,
/// stop words, Porter stemming; the same chain as Anserini's DefaultEnglishAnalyzer. One addition, chosen on
/// SciFact train (nDCG@10 0.6974 → 0.6984): two tokens joined by a single hyphen where either contains a digit
/// ("IL-6", "COVID-19") also yield the joined term (just before the second part), so entity names match as a unit.
/// Thread-safe.
/// </summary>
public sealed class TextAnalyzer
{
    // Lucene's StandardTokenizer splits longer runs into pieces of this length.
    private const int MaxTokenLength = 255;

    private readonly TextAnalyzerOptions _options;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? _stopWords;

    public TextAnalyzer(TextAnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        if (options.StopWords is { Count: > 0 } stopWords)
        {
            _stopWords = new HashSet<string>(stopWords, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>Lucene/Anserini English defaults: lowercase, Lucene's 33 English stop words, Porter stemming.</summary>
    public static TextAnalyzer English { get; } = new(new TextAnalyzerOptions(StopWords: EnglishStopWords.Set));

    internal TextAnalyzerOptions Options => _options;

    /// <summary>Appends the analysed terms of <paramref name="text"/> to <paramref name="terms"/>, in text order.</summary>
    public void Analyze(ReadOnlySpan<char> text, List<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var sink = new ListSink(terms);
        Analyze(text, ref sink);
    }

    internal void Analyze<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, ITermSink
    {
        Span<char> buffer = stackalloc char[MaxTokenLength];
        var position = 0;
        var previousStart = -1;
        var previousEnd = -1;
        while (WordBreaker.Next(text, ref position, out var start, out var end))
        {
            if (IsDigitCompound(text, previousStart, previousEnd, start, end))
            {
                Emit(text[previousStart..end], buffer, ref sink);
            }

            previousStart = start;
            previousEnd = end;
            for (var pieceStart = start; pieceStart < end; pieceStart += MaxTokenLength)
            {
                Emit(text[pieceStart..Math.Min(end, pieceStart + MaxTokenLength)], buffer, ref sink);
            }
        }
    }

    private static bool IsDigitCompound(ReadOnlySpan<char> text, int previousStart, int previousEnd, int start, int end) =>
        previousEnd >= 0
        && start == previousEnd + 1
        && text[previousEnd] is '-' or '\u2010' or '\u2011'
        && end - previousStart <= MaxTokenLength
        && text[previousStart..end].IndexOfAnyInRange('0', '9') >= 0;

    private void Emit<TSink>(ReadOnlySpan<char> token, Span<char> buffer, ref TSink sink)
        where TSink : struct, ITermSink
    {
        token.CopyTo(buffer);
        var length = Normalize(buffer[..token.Length]);
        if (length > 0)
        {
            sink.Accept(buffer[..length]);
        }
    }

    /// <summary>Applies the filter chain in place; returns the term length, 0 when the token is dropped.</summary>
    private int Normalize(Span<char> token)
    {
        var length = token.Length;
        if (length >= 2 && token[length - 2] is '\'' or '\u2019' or '\uFF07' && token[length - 1] is 's' or 'S')
        {
            length -= 2;
            if (length == 0)
            {
                return 0;
            }
        }

        var term = token[..length];
        if (_options.Lowercase)
        {
            for (var i = 0; i < term.Length; i++)
            {
                term[i] = char.ToLowerInvariant(term[i]);
            }
        }

        if (_stopWords is { } stopWords && stopWords.Contains(term))
        {
            return 0;
        }

        return _options.Stem ? PorterStemmer.Stem(term) : length;
    }

    private readonly struct ListSink(List<string> terms) : ITermSink
    {
        public void Accept(ReadOnlySpan<char> term) => terms.Add(term.ToString());
    }
}
