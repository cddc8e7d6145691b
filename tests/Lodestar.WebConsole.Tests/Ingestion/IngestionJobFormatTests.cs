using Lodestar.Knowledge.Sync;

namespace Lodestar.WebConsole.Tests.Ingestion;

/// <summary>The job's progress line is written by the worker's node and read back by whichever node renders the page.</summary>
public sealed class IngestionJobFormatTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("notes/a.md")]
    [InlineData("odd: name 3/4 files, 1/2 bytes.md")]
    public void ParseProgress_OfAFormattedLine_RoundTrips(string? current)
    {
        var progress = new IngestProgress(3, 10, 2048, 90_000, current);

        var parsed = IngestionJobFormat.ParseProgress(IngestionJobFormat.FormatProgress(progress));

        Assert.Equal(progress, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("starting")]
    [InlineData("x/10 files, 1/2 bytes")]
    [InlineData("1/10 files, 1/-2 bytes")]
    public void ParseProgress_OtherText_IsNull(string? line) => Assert.Null(IngestionJobFormat.ParseProgress(line));
}
