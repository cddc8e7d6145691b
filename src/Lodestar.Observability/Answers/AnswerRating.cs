using Lodestar.Core;

namespace Lodestar.Observability.Answers;

/// <summary>The asker's verdict on an answer: thumbs up or down, with an optional comment.</summary>
public sealed record AnswerRating(bool Up, string? Comment, DateTimeOffset At)
{
    public const int MaxCommentCharacters = 2_000;

    public static AnswerRating Parse(string? rating, string? comment, DateTimeOffset at)
    {
        var up = rating?.Trim().ToLowerInvariant() switch
        {
            "up" => true,
            "down" => false,
            _ => throw LodestarException.Invalid("rating must be \"up\" or \"down\""),
        };
        if (comment is { Length: > MaxCommentCharacters })
        {
            throw LodestarException.Invalid($"the comment is longer than {MaxCommentCharacters} characters");
        }

        return new AnswerRating(up, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), at);
    }
}
