namespace Lodestar.Knowledge.Analysis;

/// <summary>How <see cref="TextAnalyzer"/> normalises tokens. Null <paramref name="StopWords"/> keeps every token.</summary>
public sealed record TextAnalyzerOptions(bool Lowercase = true, IReadOnlySet<string>? StopWords = null, bool Stem = true);
