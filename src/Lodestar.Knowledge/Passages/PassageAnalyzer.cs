using Lodestar.Knowledge.Analysis;

namespace Lodestar.Knowledge.Passages;

/// <summary>
/// The analyzer for comparing questions with sentences (snippets, answers, groundedness, follow-ups): the index's
/// English analysis plus the function words of questions ("how do I …"), which carry no topic.
/// </summary>
internal static class PassageAnalyzer
{
    private static readonly string[] QuestionWords =
    [
        "how", "what", "which", "who", "whom", "whose", "when", "where", "why", "do", "does", "did", "done", "doing",
        "i", "me", "my", "mine", "we", "us", "our", "you", "your", "can", "could", "should", "would", "shall", "may",
        "might", "must", "am", "been", "being", "has", "have", "had", "having", "about", "please", "tell", "get",
        "there", "here", "so", "than", "too", "very", "just", "also", "any", "some", "all", "its", "it's", "i'm",
        "he", "she", "him", "her", "his", "them", "those", "from", "up", "out", "over", "one",
    ];

    public static TextAnalyzer Instance { get; } =
        new(new TextAnalyzerOptions(StopWords: new HashSet<string>(EnglishStopWords.Set.Concat(QuestionWords), StringComparer.Ordinal)));
}
