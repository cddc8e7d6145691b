using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Testing;

namespace Lodestar.Models.Tests.Data;

public sealed class TabularDatasetTests
{
    [Fact]
    public void Read_QuotedFieldsAndMissingValues_ParsesBothViews()
    {
        const string csv = "id,name,score\n1,\"Smith, \"\"J\"\"\",2.5\n2,\"multi\nline\",NA\n3,plain,\n";

        var data = TabularDataset.Read(new StringReader(csv));

        Assert.Equal(3, data.RowCount);
        Assert.Equal("Smith, \"J\"", data.Get("name").TextAt(0));
        Assert.Equal("multi\nline", data.Get("name").TextAt(1));
        var score = data.Get("score");
        Assert.True(score.AllNumeric);
        Assert.Equal(2, score.MissingCount);
        Assert.Equal(2.5, score.Numbers[0]);
        Assert.True(double.IsNaN(score.Numbers[1]));
        Assert.False(data.Get("name").AllNumeric);
    }

    [Fact]
    public void Read_RaggedRow_NamesTheLine()
    {
        var error = Assert.Throws<LodestarException>(() => TabularDataset.Read(new StringReader("a,b\n1,2\n3\n"), "x.csv"));

        Assert.Equal("x.csv: line 3 has 1 fields, expected 2", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a,b\n")]
    [InlineData("a,a\n1,2\n")]
    [InlineData("a,\"b\n1,2\n")]
    public void Read_BadInput_ThrowsInvalid(string csv)
    {
        var error = Assert.Throws<LodestarException>(() => TabularDataset.Read(new StringReader(csv)));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void Read_ManyDistinctNumbers_DropsDictionaryButKeepsNumbers()
    {
        var csv = "x\n" + string.Join("\n", Enumerable.Range(0, TabularDataset.DictionaryCap + 10));

        var column = TabularDataset.Read(new StringReader(csv)).Get("x");

        Assert.True(column.AllNumeric);
        Assert.Null(column.Levels);
        Assert.Equal(TabularDataset.DictionaryCap + 9, column.Numbers[^1]);
    }

    [Fact]
    public async Task AtomicFile_WriterThrows_LeavesOldContentAndNoTemp()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("out.csv");
        await File.WriteAllTextAsync(path, "old");

        await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(path, async (stream, ct) =>
        {
            await stream.WriteAsync("new-partial"u8.ToArray(), ct);
            throw new InvalidOperationException("crash mid-write");
        }));

        Assert.Equal("old", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(directory.Path));
    }
}
