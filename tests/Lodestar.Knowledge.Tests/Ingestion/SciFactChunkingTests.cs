using System.Diagnostics;
using Lodestar.Testing;
using System.Text;
using System.Text.Json;
using Lodestar.Knowledge.Ingestion;
using Xunit.Abstractions;

namespace Lodestar.Knowledge.Tests.Ingestion;

/// <summary>
/// Quality gate on real text: every SciFact abstract (5,183 documents) parsed as Markdown and chunked must satisfy
/// the chunk invariants; the timing it prints is the throughput figure quoted in the ingestion notes.
/// </summary>
public sealed class SciFactChunkingTests(ITestOutputHelper output)
{
    [Fact]
    public void Split_SciFactCorpus_EveryChunkIsAnExactBoundedSlice()
    {
        var corpus = Path.Combine(SharedData.Dataset("scifact"), "corpus.jsonl");
        var sources = File.ReadLines(corpus).Select(ToMarkdown).ToList();
        var chunker = new StructuredChunker(new ChunkingOptions());
        var parsed = new List<ParsedDocument>(sources.Count);

        var clock = Stopwatch.StartNew();
        foreach (var source in sources)
        {
            parsed.Add(DocumentParsers.Default.Parse(new MemoryStream(source), "abstract.md"));
        }

        var parseTime = clock.Elapsed;
        clock.Restart();
        var chunks = parsed.Select(chunker.Split).ToList();
        var chunkTime = clock.Elapsed;

        for (var i = 0; i < parsed.Count; i++)
        {
            ChunkPropertyTests.AssertInvariants(parsed[i], chunks[i], 256);
        }

        var megabytes = sources.Sum(s => s.Length) / 1e6;
        output.WriteLine(
            $"{sources.Count} docs, {megabytes:F1} MB: parse {parseTime.TotalMilliseconds:F0} ms, chunk {chunkTime.TotalMilliseconds:F0} ms, " +
            $"{chunks.Sum(c => c.Count)} chunks, {chunks.Sum(c => c.Sum(x => x.TokenCount)) / (double)chunks.Sum(c => c.Count):F0} tokens/chunk");
        Assert.Equal(5183, parsed.Count);
    }

    private static byte[] ToMarkdown(string line)
    {
        using var json = JsonDocument.Parse(line);
        var title = json.RootElement.GetProperty("title").GetString();
        var text = json.RootElement.GetProperty("text").GetString();
        return Encoding.UTF8.GetBytes($"# {title}\n\n{text}");
    }
}
