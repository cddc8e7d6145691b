using Lodestar.Knowledge.Answering;
using Lodestar.Knowledge.Search;
using Lodestar.Testing;

namespace Lodestar.Knowledge.Tests.Answering;

public sealed class GroundednessScorerTests
{
    private static readonly SearchHit Keys = new("d1", "keys.md", "Keys", "c1", "", 1, "", "The keys of the system rotate on the first of the month.", 0, 57);
    private static readonly Citation Cited = new(1, "d1", "keys.md", "Keys", "", "c1", Keys.Text, 0, 57);

    [Fact]
    public async Task ScoreAsync_LexicallyCoveredSentence_IsSupportedWithoutEmbeddings()
    {
        var score = await GroundednessScorer.ScoreAsync("The system keys rotate on the first of the month [1].", [Cited], [Keys], null, CancellationToken.None);

        Assert.Equal(1.0, score);
    }

    [Fact]
    public async Task ScoreAsync_PartlyCoveredParaphrase_CountsOnlyWithEmbeddings()
    {
        // Two of three content terms (keys, rotate; not vault): below the lexical threshold, above the semantic floor.
        const string answer = "The keys of the vault rotate [1].";

        var lexical = await GroundednessScorer.ScoreAsync(answer, [Cited], [Keys], null, CancellationToken.None);
        var semantic = await GroundednessScorer.ScoreAsync(answer, [Cited], [Keys], new HashedBagOfWordsGenerator(), CancellationToken.None);

        Assert.Equal(0.0, lexical);
        Assert.Equal(1.0, semantic);
    }

    [Fact]
    public async Task ScoreAsync_SentenceBelowCoverageFloor_StaysUnsupportedEvenWithEmbeddings()
    {
        var score = await GroundednessScorer.ScoreAsync("The vault opens at dawn for the auditors [1].", [Cited], [Keys], new HashedBagOfWordsGenerator(), CancellationToken.None);

        Assert.Equal(0.0, score);
    }

    [Fact]
    public async Task ScoreAsync_NoCitations_IsZero()
    {
        Assert.Equal(0.0, await GroundednessScorer.ScoreAsync("Anything.", [], [Keys], new HashedBagOfWordsGenerator(), CancellationToken.None));
    }
}
