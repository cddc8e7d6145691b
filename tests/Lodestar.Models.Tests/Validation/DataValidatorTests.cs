using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Validation;

namespace Lodestar.Models.Tests.Validation;

public sealed class DataValidatorTests
{
    private const string Csv = "id,age,city,code,score\n1,34,paris,AB-12,0.5\n2,,london,AB-13,1.5\n3,51,paris,XX,2.5\n3,200,rome,AB-15,3.5\n";

    [Theory]
    [InlineData("""{"type":"not_null","column":"age"}""", false, 1, 1)]
    [InlineData("""{"type":"not_null","column":"id"}""", true, 0, null)]
    [InlineData("""{"type":"between","column":"age","min":0,"max":120}""", false, 1, 3)]
    [InlineData("""{"type":"between","column":"age","min":0,"max":120,"mostly":0.6}""", true, 1, 3)]
    [InlineData("""{"type":"in_set","column":"city","values":["paris","london"]}""", false, 1, 3)]
    [InlineData("""{"type":"unique","column":"id"}""", false, 1, 3)]
    [InlineData("""{"type":"regex","column":"code","pattern":"[A-Z]{2}-\\d+"}""", false, 1, 2)]
    [InlineData("""{"type":"row_count","min":1,"max":3}""", false, 1, null)]
    [InlineData("""{"type":"row_count","min":4}""", true, 0, null)]
    [InlineData("""{"type":"mean_between","column":"score","min":1.9,"max":2.1}""", true, 0, null)]
    [InlineData("""{"type":"stdev_between","column":"score","max":1}""", false, 1, null)]
    [InlineData("""{"type":"quantile_between","column":"score","quantile":0.5,"min":2,"max":2}""", true, 0, null)]
    [InlineData("""{"type":"not_null","column":"missing"}""", false, 0, null)]
    public void Validate_Expectation_ReportsOutcome(string expectation, bool success, int failed, int? firstRow)
    {
        var data = TabularDataset.Read(new StringReader(Csv));
        var suite = ExpectationSuite.Parse($$"""{"name":"t","expectations":[{{expectation}}]}""");

        var result = Assert.Single(DataValidator.Validate(data, suite).Results);

        Assert.Equal(success, result.Success);
        Assert.Equal(failed, result.Failed);
        Assert.Equal(firstRow, result.FirstFailedRow);
    }

    [Fact]
    public void Quantile_MatchesNumpyLinear()
    {
        // numpy.quantile([1, 2, 3, 4, 10], [0.1, 0.5, 0.9]) == [1.4, 3.0, 7.6]
        Assert.Equal(1.4, DataValidator.Quantile([10, 1, 4, 2, 3], 0.1), 12);
        Assert.Equal(3.0, DataValidator.Quantile([10, 1, 4, 2, 3], 0.5), 12);
        Assert.Equal(7.6, DataValidator.Quantile([10, 1, 4, 2, 3], 0.9), 12);
    }

    [Theory]
    [InlineData("""{"expectations":[{"type":"no_such"}]}""", "unknown type")]
    [InlineData("""{"expectations":[{"type":"between","column":"a"}]}""", "needs 'min' and/or 'max'")]
    [InlineData("""{"expectations":[{"type":"between","column":"a","min":2,"max":1}]}""", "greater than")]
    [InlineData("""{"expectations":[{"type":"regex","column":"a","pattern":"("}]}""", "not a valid regular expression")]
    [InlineData("""{"expectations":[{"type":"in_set","column":"a"}]}""", "non-empty 'values'")]
    [InlineData("""{"expectations":[{"type":"not_null"}]}""", "needs a 'column'")]
    [InlineData("""{"expectations":[{"type":"not_null","column":"a","typo":1}]}""", "not valid JSON")]
    [InlineData("""{"name":"x"}""", "'expectations' array")]
    public void Parse_BadSuite_ThrowsInvalidNamingTheProblem(string json, string message)
    {
        var error = Assert.Throws<LodestarException>(() => ExpectationSuite.Parse(json));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfFailed_FailedSuite_NamesFailedExpectations()
    {
        var data = TabularDataset.Read(new StringReader(Csv));
        var report = DataValidator.Validate(data, ExpectationSuite.Parse("""{"name":"s","expectations":[{"type":"unique","column":"id"},{"type":"not_null","column":"id"}]}"""));

        var error = Assert.Throws<LodestarException>(() => report.ThrowIfFailed("scoring"));

        Assert.Contains("scoring blocked", error.Message, StringComparison.Ordinal);
        Assert.Contains("unique(id)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not_null", error.Message, StringComparison.Ordinal);
    }
}
