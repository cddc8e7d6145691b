using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Monitoring;

namespace Lodestar.Models.Tests.Monitoring;

public sealed class DriftDetectorTests
{
    [Theory]
    [InlineData(DriftMethod.JensenShannon, "jensenshannon")]
    [InlineData(DriftMethod.Psi, "psi")]
    [InlineData(DriftMethod.KullbackLeibler, "kl")]
    [InlineData(DriftMethod.ChiSquare, "chisquare")]
    public void Detect_EvidentlyColumns_MatchReferenceFormulas(DriftMethod method, string key)
    {
        foreach (var column in DriftFixtures.Get("columns").EnumerateArray())
        {
            var (reference, current) = DriftFixtures.Datasets(column);
            var name = column.GetProperty("name").GetString()!;

            var report = DriftDetector.Detect(reference, current, new DriftOptions { Method = method });

            var result = report.Columns[name];
            var expected = column.GetProperty(key).GetDouble();
            DriftStatisticsTests.AssertClose(expected, (method == DriftMethod.ChiSquare ? result.PValue : result.Statistic) ?? double.NaN);
        }
    }

    [Fact]
    public void Detect_DefaultsOnSmallReference_UseKsForNumbersAndChiSquareForCategories()
    {
        var columns = DriftFixtures.Get("columns").EnumerateArray().ToList();
        var (income, incomeCurrent) = DriftFixtures.Datasets(columns[0]);
        var (city, cityCurrent) = DriftFixtures.Datasets(columns[2]);

        var numeric = DriftDetector.Detect(income, incomeCurrent).Columns["income"];
        var categorical = DriftDetector.Detect(city, cityCurrent).Columns["city"];

        Assert.Equal(("ks", "numeric"), (numeric.Method, numeric.Kind));
        DriftStatisticsTests.AssertClose(columns[0].GetProperty("ks").GetDouble(), numeric.PValue!.Value);
        Assert.Equal(("chisquare", "categorical"), (categorical.Method, categorical.Kind));
        Assert.True(numeric.Drift && categorical.Drift);
    }

    [Fact]
    public void Detect_WassersteinOverride_IsNormedByReferenceStd()
    {
        var column = DriftFixtures.Get("columns").EnumerateArray().First();
        var (reference, current) = DriftFixtures.Datasets(column);

        var result = DriftDetector.Detect(reference, current, new DriftOptions { Method = DriftMethod.Wasserstein }).Columns["income"];

        DriftStatisticsTests.AssertClose(column.GetProperty("wasserstein_normed").GetDouble(), result.Statistic!.Value);
        Assert.Null(result.PValue);
    }

    [Fact]
    public void Detect_LargeReference_SwitchesToDistancesAndFlagsDataset()
    {
        var reference = Table("x,color", 3000, i => $"{i % 100},{(i % 3 == 0 ? "red" : "blue")}");
        var current = Table("x,color", 3000, i => $"{(i % 100) + 30},{(i % 3 == 0 ? "red" : "blue")}");

        var report = DriftDetector.Detect(reference, current);

        Assert.Equal("wasserstein", report.Columns["x"].Method);
        Assert.True(report.Columns["x"].Drift);
        Assert.Equal("jensenshannon", report.Columns["color"].Method);
        Assert.False(report.Columns["color"].Drift);
        Assert.True(report.DatasetDrift);
        Assert.Equal(0.5, report.DriftedShare);
    }

    [Fact]
    public void Detect_SameData_NoDrift()
    {
        var data = Table("x,color", 500, i => $"{i % 37},{(i % 2 == 0 ? "a" : "b")}");

        var report = DriftDetector.Detect(data, data);

        Assert.False(report.DatasetDrift);
        Assert.All(report.Columns.Values, c => Assert.False(c.Drift));
    }

    [Fact]
    public void Detect_KsOnCategoricalColumn_Throws()
    {
        var data = Table("color", 50, i => i % 2 == 0 ? "a" : "b");

        var error = Assert.Throws<LodestarException>(() => DriftDetector.Detect(data, data, new DriftOptions { Method = DriftMethod.Ks }));

        Assert.Contains("categorical", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_ColumnMissingFromCurrent_Throws()
    {
        var reference = Table("a,b", 10, i => $"{i},{i}");
        var current = Table("a", 10, i => $"{i}");

        Assert.Throws<LodestarException>(() => DriftDetector.Detect(reference, current));
    }

    private static TabularDataset Table(string header, int rows, Func<int, string> row) =>
        TabularDataset.Read(new StringReader(header + "\n" + string.Join("\n", Enumerable.Range(0, rows).Select(row))));
}
