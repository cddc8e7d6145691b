using Lodestar.Knowledge.Search;

namespace Lodestar.Knowledge.Answering;

/// <summary>What an answer generator is given: the question and the passages the user may read, best first.</summary>
public sealed record AnswerRequest(string Question, IReadOnlyList<SearchHit> Passages);

/// <summary>An answer before grounding checks. An empty citation list means "I don't know".</summary>
public sealed record GeneratedAnswer(string Text, IReadOnlyList<Citation> Citations, string Generator);

/// <summary>Writes an answer from retrieved passages: the extractive composer, or a chat model.</summary>
public interface IAnswerGenerator
{
    Task<GeneratedAnswer> GenerateAsync(AnswerRequest request, CancellationToken cancellationToken = default);
}
