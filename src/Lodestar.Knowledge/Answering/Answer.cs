using System.Text.Json.Serialization;

namespace Lodestar.Knowledge.Answering;

/// <summary>
/// An answer with its citations. <see cref="Groundedness"/> in [0,1] is the share of answer sentences supported
/// by the cited passages; <see cref="Answered"/> is false when nothing relevant was found. <see cref="SearchedQuestion"/>
/// is the standalone form of a follow-up question that retrieval actually used. <see cref="Trace"/> explains how the
/// answer was made (for answer records; not serialized); <see cref="AnswerId"/> is set by hosts that record answers.
/// <see cref="InvalidCitationsRemoved"/>, <see cref="Uncited"/> and <see cref="Fallback"/> carry the citation validation and fallback of <see cref="GeneratedAnswer"/>.
/// </summary>
public sealed record Answer(
    [property: JsonPropertyName("answer")] string Text,
    IReadOnlyList<Citation> Citations,
    double Groundedness,
    bool Answered,
    string Generator,
    string SearchedQuestion,
    string? ConversationId,
    int InvalidCitationsRemoved = 0,
    bool Uncited = false,
    string? Fallback = null,
    [property: JsonIgnore] AnswerTrace? Trace = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AnswerId = null);
