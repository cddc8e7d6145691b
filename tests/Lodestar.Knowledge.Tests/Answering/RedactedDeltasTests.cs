using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Search;

namespace Lodestar.Knowledge.Tests.Answering;

public sealed class RedactedDeltasTests
{
    private static readonly KnowledgeBaseId Kb = new("default", "kb");

    [Fact]
    public async Task WriteAsync_EmailSplitAcrossDeltas_IsRedactedBeforeAnyPartLeaves()
    {
        var target = new RecordingStream();
        var deltas = new RedactedDeltas(new EmailRedactor(), Kb, target);

        foreach (var piece in new[] { "Write to ali", "ce@exam", "ple.com for access. Then ", "wait." })
        {
            await deltas.WriteAsync(piece, CancellationToken.None);
        }

        await deltas.FlushAsync(CancellationToken.None);

        Assert.Equal("Write to <EMAIL> for access. Then wait.", string.Concat(target.Deltas));
        Assert.DoesNotContain(target.Deltas, d => d.Contains("alice", StringComparison.Ordinal) || d.Contains("example", StringComparison.Ordinal));
        Assert.Equal(2, target.Deltas.Count);
    }

    [Fact]
    public async Task FlushAsync_NothingPending_WritesNothing()
    {
        var target = new RecordingStream();
        var deltas = new RedactedDeltas(new EmailRedactor(), Kb, target);

        await deltas.WriteAsync("Done.\n", CancellationToken.None);
        await deltas.FlushAsync(CancellationToken.None);

        Assert.Equal(["Done.\n"], target.Deltas);
    }

    private sealed class EmailRedactor : IKnowledgeRedactor
    {
        public string ForIndex(KnowledgeBaseId knowledgeBase, string text) => text;

        public string ForReader(KnowledgeBaseId knowledgeBase, string text) =>
            System.Text.RegularExpressions.Regex.Replace(text, @"\S+@\S+\.\w+", "<EMAIL>");

        public bool RedactsForReader(KnowledgeBaseId knowledgeBase) => true;

        public IDisposable EnterKnowledgeBase(KnowledgeBaseId knowledgeBase) => new MemoryStream();
    }

    private sealed class RecordingStream : IAnswerStream
    {
        public List<string> Deltas { get; } = [];

        public ValueTask SourcesAsync(IReadOnlyList<SearchHit> passages, string searchedQuestion, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DeltaAsync(string text, CancellationToken cancellationToken)
        {
            Deltas.Add(text);
            return ValueTask.CompletedTask;
        }
    }
}
