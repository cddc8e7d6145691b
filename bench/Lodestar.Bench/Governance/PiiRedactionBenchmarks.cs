using System.Text;
using BenchmarkDotNet.Attributes;
using Lodestar.Governance.Privacy;

namespace Lodestar.Bench.Governance;

/// <summary>Redaction cost on a 64 KB document: mostly prose, one entity of each type per paragraph.</summary>
[MemoryDiagnoser]
public class PiiRedactionBenchmarks
{
    private const string Paragraph =
        "The quarterly review covered onboarding, retention and the migration of the billing system to the new platform. " +
        "Questions go to jane.doe@example.com or +44 20 7946 0958; the refund for card 4111 1111 1111 1111 goes to " +
        "IBAN DE89 3704 0044 0532 0130 00. Applicant SSN 219-09-9999 was verified. Requests came from 192.168.10.20 and " +
        "2001:db8::8a2e:370:7334 during the outage window, which lasted until version 4.18.0.2 was deployed on 2024-01-15.\n";

    private readonly PiiRedactor _redactor = new();
    private readonly PiiPolicy _policy = PiiPolicy.CreateDefault();
    private readonly PiiPolicy _emailOnly = new() { Rules = [new PiiRule { Entity = PiiEntityTypes.Email }] };
    private string _document = string.Empty;
    private string _prose = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var builder = new StringBuilder();
        while (builder.Length < 64 * 1024)
        {
            builder.Append(Paragraph);
        }

        _document = builder.ToString();
        _prose = string.Concat(Enumerable.Repeat("The quarterly review covered onboarding and retention. ", _document.Length / 55));
    }

    [Benchmark(Baseline = true, Description = "Redact 64 KB, all 7 types")]
    public string RedactAllTypes() => _redactor.Redact(_document, _policy).Text;

    [Benchmark(Description = "Detect 64 KB, all 7 types")]
    public int DetectAllTypes() => _redactor.Detect(_document, _policy).Count;

    [Benchmark(Description = "Redact 64 KB, e-mail only")]
    public string RedactEmailOnly() => _redactor.Redact(_document, _emailOnly).Text;

    [Benchmark(Description = "Redact 64 KB prose without PII, all types")]
    public string RedactCleanProse() => _redactor.Redact(_prose, _policy).Text;
}
