using System.Text;
using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Serving;
using Lodestar.Models.Training;

namespace Lodestar.Models.Tests.Serving;

public sealed class PredictRequestJsonTests
{
    private static readonly SignatureSchema Schema = new(new ModelSignature([new InputColumn("x", ColumnKind.Numeric)], "y", ModelTask.Regression));

    [Fact]
    public void Parse_RowsAndExplain_FindsTheRowsArrayInPlace()
    {
        var json = Encoding.UTF8.GetBytes("""{"note": {"a": [1]}, "Rows": [{"x": 1}], "EXPLAIN": true}""");

        var (rows, explain, _) = PredictRequestJson.Parse(json, Schema, maxRows: 10);

        Assert.Equal("""[{"x": 1}]""", Encoding.UTF8.GetString(json[rows]));
        Assert.True(explain);
    }

    [Fact]
    public void Parse_Rows_AreDecodedInTheSamePassWithRowPositionsWithinTheRowsArray()
    {
        var schema = new SignatureSchema(new ModelSignature([new InputColumn("age", ColumnKind.Numeric)], "churn", ModelTask.Regression));
        var json = Encoding.UTF8.GetBytes("""{"rows": [{"age": 3}, {"age": null}], "explain": true}""");

        var (rows, explain, decoded) = PredictRequestJson.Parse(json, schema, maxRows: 10);

        Assert.True(explain);
        Assert.NotNull(decoded);
        Assert.Equal(3, decoded.Values[0]);
        Assert.True(double.IsNaN(decoded.Values[1]));
        var rowsJson = json[rows];
        Assert.Equal(["""{"age": 3}""", """{"age": null}"""], new[] { Encoding.UTF8.GetString(rowsJson[decoded.RowJson(0)]), Encoding.UTF8.GetString(rowsJson[decoded.RowJson(1)]) });
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("""{"explain": false}""", "'rows' must be a JSON array")]
    [InlineData("""{"rows": [{"x": 1}], "explain": "yes"}""", "'explain' must be true or false")]
    [InlineData("""{"rows": [{"x": 1}""", "not valid JSON")]
    public void Parse_BadBody_IsInvalidInput(string body, string expected)
    {
        var error = Assert.Throws<LodestarException>(() => PredictRequestJson.Parse(Encoding.UTF8.GetBytes(body), Schema, maxRows: 10));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
