using System.Text;
using Lodestar.Core;
using Lodestar.Models.Serving;

namespace Lodestar.Models.Tests.Serving;

public sealed class PredictRequestJsonTests
{
    [Fact]
    public void Parse_RowsAndExplain_FindsTheRowsArrayInPlace()
    {
        var json = Encoding.UTF8.GetBytes("""{"note": {"a": [1]}, "Rows": [{"x": 1}], "EXPLAIN": true}""");

        var (rows, explain) = PredictRequestJson.Parse(json);

        Assert.Equal("""[{"x": 1}]""", Encoding.UTF8.GetString(json[rows]));
        Assert.True(explain);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("""{"explain": false}""", "'rows' must be a JSON array")]
    [InlineData("""{"rows": [], "explain": "yes"}""", "'explain' must be true or false")]
    [InlineData("""{"rows": [{"x": 1}""", "not valid JSON")]
    public void Parse_BadBody_IsInvalidInput(string body, string expected)
    {
        var error = Assert.Throws<LodestarException>(() => PredictRequestJson.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
