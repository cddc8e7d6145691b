using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Lodestar.Governance.Privacy;

/// <summary>
/// Finds and rewrites personal data according to a <see cref="PiiPolicy"/>. Overlapping findings are resolved
/// longest first, then most specific, so an IBAN is never half-replaced as a phone number. Thread-safe.
/// </summary>
public sealed class PiiRedactor
{
    private const int HashHexLength = 16;
    private readonly ConditionalWeakTable<PiiPolicy, CompiledPiiPolicy> _compiled = [];

    /// <summary>Applies every rule of the policy.</summary>
    public RedactionResult Redact(string text, PiiPolicy policy) => Redact(text, policy, PiiScope.All);

    /// <summary>Applies the rules of the policy that cover any of <paramref name="scope"/>.</summary>
    public RedactionResult Redact(string text, PiiPolicy policy, PiiScope scope)
    {
        ArgumentNullException.ThrowIfNull(text);
        var compiled = Compile(policy);
        var findings = Detect(text, compiled, scope, out var operators);
        if (findings.Count == 0)
        {
            return new RedactionResult(text, findings);
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i];
            builder.Append(text, position, finding.Start - position);
            Apply(builder, finding, text.AsSpan(finding.Start, finding.Length), operators[i], compiled.HashKey);
            position = finding.End;
        }

        builder.Append(text, position, text.Length - position);
        return new RedactionResult(builder.ToString(), findings);
    }

    /// <summary>The findings alone, in text order, without rewriting.</summary>
    public IReadOnlyList<PiiFinding> Detect(string text, PiiPolicy policy, PiiScope scope = PiiScope.All)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Detect(text, Compile(policy), scope, out _);
    }

    private CompiledPiiPolicy Compile(PiiPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return _compiled.GetValue(policy, CompiledPiiPolicy.Compile);
    }

    private static List<PiiFinding> Detect(string text, CompiledPiiPolicy policy, PiiScope scope, out List<PiiOperator> operators)
    {
        var candidates = new List<PiiCandidate>();
        var operatorByType = new Dictionary<string, PiiOperator>(StringComparer.Ordinal);
        foreach (var rule in policy.Rules)
        {
            if ((rule.Scopes & scope) == 0)
            {
                continue;
            }

            foreach (var detector in rule.Detectors)
            {
                operatorByType[detector.EntityType] = rule.Operator;
                detector.Detect(text, candidates);
            }
        }

        var findings = Resolve(candidates);
        operators = new List<PiiOperator>(findings.Count);
        foreach (var finding in findings)
        {
            operators.Add(operatorByType[finding.EntityType]);
        }

        return findings;
    }

    /// <summary>Greedy: longest first, then most specific, then leftmost; a candidate that overlaps a kept one is dropped.</summary>
    private static List<PiiFinding> Resolve(List<PiiCandidate> candidates)
    {
        candidates.Sort(static (a, b) =>
        {
            var byLength = b.Finding.Length.CompareTo(a.Finding.Length);
            if (byLength != 0)
            {
                return byLength;
            }

            var bySpecificity = b.Specificity.CompareTo(a.Specificity);
            return bySpecificity != 0 ? bySpecificity : a.Finding.Start.CompareTo(b.Finding.Start);
        });
        var kept = new List<PiiFinding>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var finding = candidate.Finding;
            var index = kept.BinarySearch(finding, FindingByStart.Instance);
            var insertAt = index < 0 ? ~index : index;
            var overlapsPrevious = insertAt > 0 && kept[insertAt - 1].End > finding.Start;
            var overlapsNext = insertAt < kept.Count && kept[insertAt].Start < finding.End;
            if (index < 0 && !overlapsPrevious && !overlapsNext)
            {
                kept.Insert(insertAt, finding);
            }
        }

        return kept;
    }

    private static void Apply(StringBuilder builder, PiiFinding finding, ReadOnlySpan<char> value, PiiOperator @operator, byte[]? hashKey)
    {
        switch (@operator)
        {
            case PiiOperator.Replace:
                builder.Append('<').Append(finding.EntityType).Append('>');
                break;
            case PiiOperator.Mask:
                Mask(builder, value);
                break;
            case PiiOperator.Hash:
                // The validator guarantees a key whenever a rule hashes.
                var mac = HMACSHA256.HashData(hashKey!, Encoding.UTF8.GetBytes(value.ToString()));
                builder.Append('<').Append(finding.EntityType).Append(':')
                    .Append(Convert.ToHexStringLower(mac.AsSpan(0, HashHexLength / 2))).Append('>');
                break;
            case PiiOperator.Redact:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(@operator), @operator, "unknown PII operator");
        }
    }

    /// <summary>Keeps separators and the last four letters or digits, e.g. <c>************1234</c>.</summary>
    private static void Mask(StringBuilder builder, ReadOnlySpan<char> value)
    {
        var alphanumeric = 0;
        foreach (var c in value)
        {
            alphanumeric += char.IsLetterOrDigit(c) ? 1 : 0;
        }

        var hidden = alphanumeric <= 4 ? alphanumeric : alphanumeric - 4;
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c) && hidden > 0)
            {
                builder.Append('*');
                hidden--;
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    private sealed class FindingByStart : IComparer<PiiFinding>
    {
        public static readonly FindingByStart Instance = new();

        public int Compare(PiiFinding? x, PiiFinding? y) => x!.Start.CompareTo(y!.Start);
    }
}
