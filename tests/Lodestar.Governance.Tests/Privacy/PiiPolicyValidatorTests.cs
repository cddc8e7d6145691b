using Lodestar.Governance.Privacy;
using Microsoft.Extensions.Options;

namespace Lodestar.Governance.Tests.Privacy;

public sealed class PiiPolicyValidatorTests
{
    [Fact]
    public void Validate_DefaultPolicy_Succeeds()
    {
        Assert.True(new PiiPolicyValidator().Validate(null, PiiPolicy.CreateDefault()).Succeeded);
    }

    [Theory]
    [InlineData("UNKNOWN_TYPE", null, "unknown PII entity type")]
    [InlineData("BADRX", "([a-z", "invalid pattern")]
    [InlineData("EMPTY", "x*", "matches empty text")]
    public void Validate_BadEntity_FailsWithReason(string entity, string? pattern, string reason)
    {
        var policy = new PiiPolicy { Rules = [new PiiRule { Entity = entity }] };
        if (pattern is not null)
        {
            policy.CustomEntities.Add(new CustomPiiEntity { Name = entity, Pattern = pattern });
        }

        var result = new PiiPolicyValidator().Validate(null, policy);

        Assert.True(result.Failed);
        Assert.Contains(reason, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HashWithoutKey_Fails()
    {
        var policy = new PiiPolicy { Rules = [new PiiRule { Entity = PiiEntityTypes.Email, Operator = PiiOperator.Hash }] };

        Assert.Contains("HashKey", new PiiPolicyValidator().Validate(null, policy).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateRuleOrNoScope_Fails()
    {
        var policy = new PiiPolicy
        {
            Rules = [new PiiRule { Entity = PiiEntityTypes.Email }, new PiiRule { Entity = PiiEntityTypes.Email, Scopes = PiiScope.None }],
        };

        var failures = new PiiPolicyValidator().Validate(null, policy).Failures!.ToList();

        Assert.Equal(2, failures.Count);
    }

    [Fact]
    public void OptionsFactory_InvalidPolicy_ThrowsOptionsValidationException()
    {
        var factory = new OptionsFactory<PiiPolicy>(
            [new ConfigureOptions<PiiPolicy>(p => p.Rules.Add(new PiiRule { Entity = "NOPE" }))],
            [],
            [new PiiPolicyValidator()]);

        var error = Assert.Throws<OptionsValidationException>(() => factory.Create(Options.DefaultName));

        Assert.Contains("NOPE", error.Message, StringComparison.Ordinal);
    }
}
