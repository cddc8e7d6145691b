using System.Globalization;
using System.Text;
using Lodestar.Knowledge.Analysis;

namespace Lodestar.Knowledge.Indexing;

/// <summary>
/// Identifies how an index's terms were produced, stored in the manifest: reopening with a different analyzer or
/// title weight would silently mismatch query and index terms, so it is refused instead.
/// </summary>
internal static class AnalysisFingerprint
{
    // Bump when tokenization or stemming changes what terms a text produces.
    private const string AnalysisVersion = "uax29-digitcompound-porter/1";

    public static string Of(TextAnalyzer analyzer, int titleWeight)
    {
        var options = analyzer.Options;
        var stopWords = options.StopWords is null ? [] : options.StopWords.Order(StringComparer.Ordinal).ToArray();
        var stopHash = Crc32.Compute(Encoding.UTF8.GetBytes(string.Join('\n', stopWords)));
        return string.Create(CultureInfo.InvariantCulture,
            $"{AnalysisVersion};lowercase={options.Lowercase};stem={options.Stem};stop={stopWords.Length}:{stopHash:x8};title={titleWeight}");
    }
}
