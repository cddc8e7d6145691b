using Lodestar.Core;
using Lodestar.Knowledge.Evaluation;

namespace Lodestar.Knowledge.Tests.Evaluation;

public sealed class TrecRunWriterTests
{
    [Fact]
    public void Write_TiedScores_RanksLikeTrecEval()
    {
        // Arrange
        var run = new Dictionary<string, IReadOnlyList<(string DocumentId, double Score)>>
        {
            ["q2"] = [("x", 1.0)],
            ["q1"] = [("a", 0.5), ("b", 0.5), ("c", 2.25)],
        };
        var writer = new StringWriter { NewLine = "\n" };

        // Act
        TrecRunWriter.Write(writer, run, "bm25");

        // Assert
        Assert.Equal("q1 Q0 c 1 2.25 bm25\nq1 Q0 b 2 0.5 bm25\nq1 Q0 a 3 0.5 bm25\nq2 Q0 x 1 1 bm25\n", writer.ToString());
    }

    [Fact]
    public void Write_TagWithSpace_ThrowsInvalid()
    {
        var error = Assert.Throws<LodestarException>(() => TrecRunWriter.Write(TextWriter.Null, new Dictionary<string, IReadOnlyList<(string, double)>>(), "my tag"));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }
}
