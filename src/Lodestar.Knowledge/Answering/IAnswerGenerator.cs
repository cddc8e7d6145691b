using Lodestar.Knowledge.Search;

namespace Lodestar.Knowledge.Answering;

/// <summary>
/// What an answer generator is given: the question as asked, the passages the user may read (best first), and
/// for a follow-up the standalone question that retrieval used.
/// </summary>
public sealed record AnswerRequest(string Question, IReadOnlyList<SearchHit> Passages, string? StandaloneQuestion = null);

/// <summary>An answer before grounding checks. An empty citation list means "I don't know". <see cref="Usage"/> is set when a model was called.</summary>
public sealed record GeneratedAnswer(string Text, IReadOnlyList<Citation> Citations, string Generator, ModelUsage? Usage = null);

/// <summary>Writes an answer from retrieved passages: the extractive composer, or a chat model.</summary>
public interface IAnswerGenerator
{
    Task<GeneratedAnswer> GenerateAsync(AnswerRequest request, CancellationToken cancellationToken = default);
}
