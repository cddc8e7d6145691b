using Lodestar.Knowledge.Search;

namespace Lodestar.Knowledge.Answering;

/// <summary>Receives an answer while it is produced: first the numbered sources, then text deltas (see <see cref="KnowledgeAssistant.AskStreamingAsync"/>).</summary>
public interface IAnswerStream
{
    /// <summary>The passages given to the generator; source n of the answer's [n] markers is <c>passages[n - 1]</c>.</summary>
    ValueTask SourcesAsync(IReadOnlyList<SearchHit> passages, string searchedQuestion, CancellationToken cancellationToken);

    ValueTask DeltaAsync(string text, CancellationToken cancellationToken);
}
