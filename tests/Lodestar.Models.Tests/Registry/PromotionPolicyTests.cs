using Lodestar.Core;
using Lodestar.Models.Registry;
using Lodestar.Models.Training;

namespace Lodestar.Models.Tests.Registry;

public sealed class PromotionPolicyTests
{
    [Fact]
    public void Default_Champion_NeedsApprovalAndPrimaryMetric()
    {
        var classifier = PromotionPolicy.Default("champion", ModelTask.BinaryClassification);
        var regressor = PromotionPolicy.Default("champion", ModelTask.Regression);

        Assert.True(classifier.RequireApproval);
        Assert.Equal("auc", classifier.Metric);
        Assert.True(classifier.Allows(0.9, 0.9));
        Assert.False(classifier.Allows(0.89, 0.9));
        Assert.Equal("rmse", regressor.Metric);
        Assert.True(regressor.Allows(1.0, 1.2));
        Assert.False(regressor.Allows(1.3, 1.2));
    }

    [Fact]
    public void Default_OtherAlias_MovesFreely()
    {
        var staging = PromotionPolicy.Default("staging", ModelTask.BinaryClassification);

        Assert.False(staging.RequireApproval);
        Assert.Null(staging.Metric);
    }

    [Theory]
    [InlineData("loans", "3", null, 3)]
    [InlineData("loans", "champion", "champion", null)]
    public void Within_VersionOrAlias_Parses(string model, string text, string? alias, int? version)
    {
        var reference = ModelReference.Within(model, text);

        Assert.Equal(alias, reference.Alias);
        Assert.Equal(version, reference.Version);
    }

    [Fact]
    public void Within_BadAlias_IsInvalid() =>
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<LodestarException>(() => ModelReference.Within("loans", "bad alias")).Kind);
}
