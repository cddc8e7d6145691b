namespace Lodestar.Observability.Answers;

/// <summary>What an answer record keeps of the question: the text, its SHA-256 (confirms a question without revealing it), or nothing.</summary>
public enum QuestionPrivacy
{
    Hashed,
    Stored,
    Omitted,
}
