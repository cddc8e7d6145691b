using Lodestar.Core;
using Lodestar.Models.Registry;

namespace Lodestar.Models.Tests.Registry;

public sealed class ModelReferenceTests
{
    [Theory]
    [InlineData("churn", "churn", null, null)]
    [InlineData("churn@champion", "churn", "champion", null)]
    [InlineData("churn:3", "churn", null, 3)]
    public void Parse_ValidForms_SplitsNameAliasVersion(string text, string name, string? alias, int? version)
    {
        var reference = ModelReference.Parse(text);

        Assert.Equal(new ModelReference(name, alias, version), reference);
        Assert.Equal(text, reference.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("churn:0")]
    [InlineData("churn:x")]
    [InlineData("../churn")]
    [InlineData("churn@")]
    public void Parse_Invalid_Throws(string text)
    {
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<LodestarException>(() => ModelReference.Parse(text)).Kind);
    }
}
