using Lodestar.Core;
using Lodestar.Knowledge.Evaluation;

namespace Lodestar.Knowledge.Tests.Evaluation;

public sealed class BeirDatasetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lodestar-beir-").FullName;

    public BeirDatasetTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "qrels"));
        File.WriteAllLines(Path.Combine(_directory, "corpus.jsonl"), [
            """{"_id": "10", "title": "First", "text": "Body one", "metadata": {}}""",
            "",
            """{"_id": "11", "text": "No title"}""",
        ]);
        File.WriteAllLines(Path.Combine(_directory, "queries.jsonl"), [
            """{"_id": "1", "text": "judged query"}""",
            """{"_id": "2", "text": "unjudged query"}""",
        ]);
        File.WriteAllLines(Path.Combine(_directory, "qrels", "test.tsv"), ["query-id\tcorpus-id\tscore", "1\t10\t2", "1\t11\t0"]);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_ValidDataset_ReadsCorpusJudgedQueriesAndQrels()
    {
        // Act
        var dataset = BeirDataset.Load(_directory);

        // Assert
        Assert.Equal([new BeirDocument("10", "First", "Body one"), new BeirDocument("11", "", "No title")], dataset.Corpus);
        Assert.Equal("judged query", Assert.Single(dataset.Queries).Value);
        Assert.Equal(2, dataset.Qrels["1"]["10"]);
        Assert.Equal(0, dataset.Qrels["1"]["11"]);
    }

    [Fact]
    public void Load_MissingSplit_ThrowsInvalidNamingFile()
    {
        var error = Assert.Throws<LodestarException>(() => BeirDataset.Load(_directory, "dev"));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("dev.tsv", error.Message);
    }

    [Fact]
    public void Load_CorruptJsonLine_ThrowsInvalidWithLineNumber()
    {
        // Arrange
        File.AppendAllLines(Path.Combine(_directory, "corpus.jsonl"), ["{not json"]);

        // Act
        var error = Assert.Throws<LodestarException>(() => BeirDataset.Load(_directory));

        // Assert
        Assert.Contains("corpus.jsonl:4", error.Message);
    }

    [Fact]
    public void Load_BadQrelsScore_ThrowsInvalid()
    {
        // Arrange
        File.AppendAllLines(Path.Combine(_directory, "qrels", "test.tsv"), ["1\t12\thigh"]);

        // Act
        var error = Assert.Throws<LodestarException>(() => BeirDataset.Load(_directory));

        // Assert
        Assert.Contains("test.tsv:4", error.Message);
    }
}
