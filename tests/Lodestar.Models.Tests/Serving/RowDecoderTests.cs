using System.Text;
using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Serving;
using Lodestar.Models.Training;

namespace Lodestar.Models.Tests.Serving;

public sealed class RowDecoderTests
{
    private static readonly SignatureSchema Schema = new(new ModelSignature(
        [new InputColumn("age", ColumnKind.Numeric), new InputColumn("plan", ColumnKind.Categorical, ["basic", "pro"])], "churn", ModelTask.BinaryClassification, ["no", "yes"]));

    [Fact]
    public void Decode_ValidRows_AreRowMajorWithCategoryCodes()
    {
        var rows = Parse("""[{"age": 31, "plan": "pro"}, {"plan": "basic", "age": 40.5}]""");

        var decoded = RowDecoder.Decode(rows, Schema, 100);

        Assert.Equal(2, decoded.RowCount);
        Assert.Equal([31, 1, 40.5, 0], decoded.Values);
    }

    [Fact]
    public void Decode_NullAndUnseenCategory_BecomeMissing()
    {
        var decoded = RowDecoder.Decode(Parse("""[{"age": null, "plan": "enterprise"}]"""), Schema, 100);

        Assert.True(double.IsNaN(decoded.Values[0]));
        Assert.True(double.IsNaN(decoded.Values[1]));
    }

    [Theory]
    [InlineData("""[{"age": 1, "plan": "pro"}, {"age": 2}]""", "row 2: column 'plan' is missing")]
    [InlineData("""[{"age": "old", "plan": "pro"}]""", "row 1: column 'age' must be a number or null (got the string \"old\")")]
    [InlineData("""[{"age": 1, "plan": true}]""", "row 1: column 'plan' is a category")]
    [InlineData("""[{"age": 1, "plan": "pro", "agee": 3}]""", "row 1: unknown column 'agee'")]
    [InlineData("""[3]""", "row 1: must be a JSON object")]
    [InlineData("""[]""", "between 1 and 100 rows")]
    [InlineData("""{"age": 1}""", "'rows' must be a JSON array")]
    public void Decode_BadRows_NameTheRowAndColumn(string json, string expected)
    {
        var error = Assert.Throws<LodestarException>(() => RowDecoder.Decode(Parse(json), Schema, 100));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TooManyRows_IsRejected()
    {
        var rows = Parse("[" + string.Join(',', Enumerable.Repeat("""{"age": 1, "plan": "pro"}""", 3)) + "]");

        Assert.Throws<LodestarException>(() => RowDecoder.Decode(rows, Schema, 2));
    }

    [Fact]
    public void Texts_KeepsValuesAsSent()
    {
        var texts = RowDecoder.Texts(Parse("""{"age": 31.5, "plan": "pro", "x": null, "tags": [1, "a"]}"""));

        Assert.Equal("31.5", texts["age"]);
        Assert.Equal("pro", texts["plan"]);
        Assert.Null(texts["x"]);
        Assert.Equal("""[1, "a"]""", texts["tags"]);
    }

    [Fact]
    public void Decode_RowJson_PointsAtEachRowsObject()
    {
        var json = Parse("""[{"age": 31, "plan": "pro"}, {"plan": "basic", "age": 40.5}]""");

        var decoded = RowDecoder.Decode(json, Schema, 100);

        Assert.Equal("""{"plan": "basic", "age": 40.5}""", Encoding.UTF8.GetString(json[decoded.RowJson(1)]));
    }

    [Theory]
    [InlineData("""[{"age": 1, "plan": "pro"}""")]
    [InlineData("""[{"age": 1, "plan": pro}]""")]
    public void Decode_MalformedJson_IsInvalidInput(string json)
    {
        var error = Assert.Throws<LodestarException>(() => RowDecoder.Decode(Parse(json), Schema, 100));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EscapedNamesAndCategories_AreUnescaped()
    {
        var decoded = RowDecoder.Decode(Parse("""[{"\u0061ge": 2, "plan": "\u0070ro"}]"""), Schema, 100);

        Assert.Equal([2, 1], decoded.Values);
    }

    private static byte[] Parse(string json) => Encoding.UTF8.GetBytes(json);
}
