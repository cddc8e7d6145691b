using Lodestar.Knowledge.Search;

namespace Lodestar.Knowledge.Answering;

/// <summary>
/// What an answer generator is given: the question as asked, the passages the user may read (best first), and
/// for a follow-up the standalone question that retrieval used.
/// </summary>
public sealed record AnswerRequest(string Question, IReadOnlyList<SearchHit> Passages, string? StandaloneQuestion = null);

/// <summary>
/// An answer before grounding checks. An empty citation list means "I don't know". <see cref="InvalidCitationsRemoved"/>
/// counts citations to sources the generator was not given; <see cref="Uncited"/> flags a written answer left with no
/// valid citation; <see cref="Fallback"/> says why a chat model's answer was replaced by the extractive one (null when it was not).
/// <see cref="Usage"/> is set when a model was called.
/// </summary>
public sealed record GeneratedAnswer(string Text, IReadOnlyList<Citation> Citations, string Generator, int InvalidCitationsRemoved = 0, bool Uncited = false, string? Fallback = null, ModelUsage? Usage = null);

/// <summary>Writes an answer from retrieved passages: the extractive composer, or a chat model.</summary>
public interface IAnswerGenerator
{
    Task<GeneratedAnswer> GenerateAsync(AnswerRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="GenerateAsync"/>, handing text to <paramref name="onDelta"/> as it is written. The returned
    /// answer is authoritative (validation may remove citations the deltas showed). By default the whole answer is one delta.
    /// </summary>
    async Task<GeneratedAnswer> GenerateStreamingAsync(AnswerRequest request, Func<string, CancellationToken, ValueTask> onDelta, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onDelta);
        var answer = await GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        await onDelta(answer.Text, cancellationToken).ConfigureAwait(false);
        return answer;
    }
}
