using Lodestar.WebConsole.Components.Charts;

namespace Lodestar.WebConsole.Tests.Charts;

public sealed class ChartScaleTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(-3, 1)]
    [InlineData(0.7, 1)]
    [InlineData(1, 1)]
    [InlineData(1.2, 2)]
    [InlineData(2.2, 2.5)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(180, 200)]
    [InlineData(0.034, 0.05)]
    public void NiceCeiling_Value_IsTheNextNiceStep(double value, double expected)
    {
        Assert.Equal(expected, ChartScale.NiceCeiling(value), 9);
    }

    [Fact]
    public void XAndY_MapTheRangeOntoThePlotArea()
    {
        var scale = new ChartScale(640, 220, 100);

        Assert.Equal(ChartScale.Left, scale.X(0, 5));
        Assert.Equal(640 - ChartScale.Right, scale.X(4, 5));
        Assert.Equal(ChartScale.Left + (scale.PlotWidth / 2), scale.X(0, 1));
        Assert.Equal(scale.Baseline, scale.Y(0));
        Assert.Equal(ChartScale.Top, scale.Y(100));
        Assert.Equal(ChartScale.Top, scale.Y(150));
    }

    [Fact]
    public void LinePath_NullValues_BreakTheLineInsteadOfDroppingToZero()
    {
        var scale = new ChartScale(160, 68, 10);

        var path = scale.LinePath([10, 0, null, 5, 5]);

        Assert.Equal("M56 12 L79 40 M125 26 L148 26", path);
    }

    [Fact]
    public void LinePath_NoValues_IsEmpty()
    {
        Assert.Equal(string.Empty, new ChartScale(640, 220, 0).LinePath([null, null]));
    }

    [Fact]
    public void Ticks_RunFromZeroToTheNiceMaximum()
    {
        Assert.Equal([0, 62.5, 125, 187.5, 250], new ChartScale(640, 220, 230).Ticks());
    }
}
