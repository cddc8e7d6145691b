using System.Text.RegularExpressions;
using Lodestar.Core;

namespace Lodestar.Governance.Privacy;

/// <summary>
/// Finds one entity type: a regular expression proposes candidates, an optional check confirms them (checksums,
/// valid ranges) and may adjust where they end. <see cref="Specificity"/> breaks ties between equally long overlaps.
/// </summary>
internal sealed class PiiDetector(string entityType, Regex pattern, int specificity, Func<string, Match, int>? confirm = null)
{
    public string EntityType { get; } = entityType;

    public int Specificity { get; } = specificity;

    public void Detect(string text, List<PiiCandidate> candidates)
    {
        try
        {
            for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
            {
                var length = confirm is null ? match.Length : confirm(text, match);
                if (length > 0)
                {
                    candidates.Add(new PiiCandidate(new PiiFinding(EntityType, match.Index, length), Specificity));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Fail closed: text we could not scan must not pass as clean.
            throw new LodestarException(ErrorKind.Unavailable, $"PII detector {EntityType} timed out; the text was withheld");
        }
    }
}
