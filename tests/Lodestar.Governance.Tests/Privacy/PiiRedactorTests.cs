using Lodestar.Core;
using Lodestar.Governance.Privacy;

namespace Lodestar.Governance.Tests.Privacy;

public sealed class PiiRedactorTests
{
    private readonly PiiRedactor _redactor = new();

    [Theory]
    [InlineData("mail jane.doe@example.com now", "EMAIL", "jane.doe@example.com")]
    [InlineData("call +44 20 7946 0958 today", "PHONE", "+44 20 7946 0958")]
    [InlineData("call (415) 555-2671 today", "PHONE", "(415) 555-2671")]
    [InlineData("card 4111 1111 1111 1111 ok", "CREDIT_CARD", "4111 1111 1111 1111")]
    [InlineData("iban DE89 3704 0044 0532 0130 00 EUR", "IBAN", "DE89 3704 0044 0532 0130 00")]
    [InlineData("ssn 123-45-6789.", "US_SSN", "123-45-6789")]
    [InlineData("from 192.168.1.20.", "IPV4", "192.168.1.20")]
    [InlineData("from 2001:db8::8a2e:370:7334 on", "IPV6", "2001:db8::8a2e:370:7334")]
    public void Detect_ValidEntity_ReportsTypeAndExactSpan(string text, string type, string value)
    {
        var finding = Assert.Single(_redactor.Detect(text, PiiPolicy.CreateDefault()));

        Assert.Equal(type, finding.EntityType);
        Assert.Equal(value, text.Substring(finding.Start, finding.Length));
    }

    [Theory]
    [InlineData("card 4111 1111 1111 1112 declined")]
    [InlineData("iban DE88 3704 0044 0532 0130 00 wrong")]
    [InlineData("ssn 000-12-3456 invalid")]
    [InlineData("ssn 666-12-3456 invalid")]
    [InlineData("ssn 912-12-3456 invalid")]
    [InlineData("ssn 123-00-3456 invalid")]
    [InlineData("ssn 123-45-0000 invalid")]
    [InlineData("host 999.1.1.1 invalid")]
    [InlineData("upgrade to version 1.2.3.4")]
    [InlineData("on 2024-01-15 10:30")]
    [InlineData("order 2024-000123 and number 4155552671")]
    [InlineData("at 12:30:45 the MAC 00:1A:2B:3C:4D:5E")]
    public void Detect_NearMiss_ReportsNothing(string text)
    {
        Assert.Empty(_redactor.Detect(text, PiiPolicy.CreateDefault()));
    }

    [Fact]
    public void Redact_ReplaceOperator_WritesTypeAndKeepsOriginalOffsets()
    {
        const string Text = "Mail a@example.com or call 415-555-2671.";

        var result = _redactor.Redact(Text, PiiPolicy.CreateDefault());

        Assert.Equal("Mail <EMAIL> or call <PHONE>.", result.Text);
        Assert.Equal([new PiiFinding("EMAIL", 5, 13), new PiiFinding("PHONE", 27, 12)], result.Findings);
    }

    [Fact]
    public void Redact_MaskOperator_KeepsLastFourAndSeparators()
    {
        var policy = Policy(PiiEntityTypes.CreditCard, PiiOperator.Mask);

        Assert.Equal("pay ************1111", _redactor.Redact("pay 4111111111111111", policy).Text);
        Assert.Equal("pay ****-****-****-1111", _redactor.Redact("pay 4111-1111-1111-1111", policy).Text);
    }

    [Fact]
    public void Redact_HashOperator_IsStablePerKeyAndDiffersAcrossKeys()
    {
        var first = Policy(PiiEntityTypes.Email, PiiOperator.Hash, "0123456789abcdef-key-one");
        var second = Policy(PiiEntityTypes.Email, PiiOperator.Hash, "0123456789abcdef-key-two");

        var a = _redactor.Redact("x a@example.com", first).Text;
        var b = _redactor.Redact("y a@example.com", first).Text;
        var c = _redactor.Redact("x a@example.com", second).Text;

        Assert.Matches("^x <EMAIL:[0-9a-f]{16}>$", a);
        Assert.Equal(a[1..], b[1..]);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Redact_RedactOperator_RemovesValue()
    {
        Assert.Equal("ssn  on file", _redactor.Redact("ssn 123-45-6789 on file", Policy(PiiEntityTypes.UsSsn, PiiOperator.Redact)).Text);
    }

    [Fact]
    public void Redact_OverlappingCandidates_LongestWins()
    {
        // The IBAN's digits also hold shorter number-like runs; only the IBAN may be reported.
        var result = _redactor.Redact("to GB82 WEST 1234 5698 7654 32 now", PiiPolicy.CreateDefault());

        Assert.Equal("to <IBAN> now", result.Text);
    }

    [Fact]
    public void Redact_IPv4MappedIPv6_ReportsOneIPv6()
    {
        var finding = Assert.Single(_redactor.Detect("peer ::ffff:192.0.2.128 up", PiiPolicy.CreateDefault()));

        Assert.Equal(PiiEntityTypes.IPv6, finding.EntityType);
        Assert.Equal(18, finding.Length);
    }

    [Fact]
    public void Redact_ScopeNotCovered_LeavesTextAlone()
    {
        var policy = new PiiPolicy { Rules = [new PiiRule { Entity = PiiEntityTypes.Email, Scopes = PiiScope.Ingest }] };

        Assert.Equal("a@example.com", _redactor.Redact("a@example.com", policy, PiiScope.OutboundLlm).Text);
        Assert.Equal("<EMAIL>", _redactor.Redact("a@example.com", policy, PiiScope.Ingest).Text);
    }

    [Fact]
    public void Redact_CustomEntity_UsesItsNameAsReplacement()
    {
        var policy = new PiiPolicy
        {
            CustomEntities = [new CustomPiiEntity { Name = "EMPLOYEE_ID", Pattern = @"\bEMP-\d{6}\b" }],
            Rules = [new PiiRule { Entity = "EMPLOYEE_ID" }],
        };

        Assert.Equal("badge <EMPLOYEE_ID> issued", _redactor.Redact("badge EMP-123456 issued", policy).Text);
    }

    [Fact]
    public void Redact_CustomPatternTimesOut_FailsClosed()
    {
        var policy = new PiiPolicy
        {
            RegexTimeoutMilliseconds = 1,
            CustomEntities = [new CustomPiiEntity { Name = "SLOW", Pattern = "(a+)+$" }],
            Rules = [new PiiRule { Entity = "SLOW" }],
        };

        var error = Assert.Throws<LodestarException>(() => _redactor.Redact(new string('a', 5000) + "!", policy));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
    }

    [Fact]
    public void Redact_InvalidPolicy_ThrowsInvalid()
    {
        var error = Assert.Throws<LodestarException>(() => _redactor.Redact("x", Policy("PASSPORT", PiiOperator.Replace)));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("PASSPORT", error.Message, StringComparison.Ordinal);
    }

    private static PiiPolicy Policy(string entity, PiiOperator @operator, string? hashKey = null) =>
        new() { Rules = [new PiiRule { Entity = entity, Operator = @operator }], HashKey = hashKey };
}
