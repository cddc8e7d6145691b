using Lodestar.Observability.Answers;

namespace Lodestar.Storage.Tests.Observability;

/// <summary>What every <see cref="IAnswerRecordStore"/> must do; one subclass per backend.</summary>
public abstract class AnswerRecordStoreContractTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    protected abstract IAnswerRecordStore CreateStore();

    internal static AnswerRecord Answer(string id, string tenant, DateTimeOffset at, string user = "alice", string kb = "handbook", double groundedness = 0.75, bool answered = true) =>
        new(id, tenant, user, "key1", kb, at, QuestionPrivacy.Stored, "How do I rotate a key?", "extractive", "gpt-x", "hybrid", 7,
            [new RecordedPassage("doc1", "doc1#0", 0.91), new RecordedPassage("doc2", "doc2#3", 0.42)],
            [new RecordedCitation(1, "doc1", "doc1#0", 10, 42)],
            new AnswerLatency(1.5, 20.25, 23.125), 120, 30, 0.000123456m, groundedness, answered);

    [Fact]
    public async Task Add_ThenGet_RoundTripsEveryField()
    {
        var store = CreateStore();
        var added = Answer("a1", "acme", Noon) with { KeyId = null, Model = null };

        await store.AddAsync(added);
        var read = await store.GetAsync("acme", "a1");

        Assert.NotNull(read);
        Assert.Equal(added with { Passages = read.Passages, Citations = read.Citations }, read);
        Assert.Equal(added.Passages, read.Passages);
        Assert.Equal(added.Citations, read.Citations);
    }

    [Fact]
    public async Task Get_OtherTenant_ReturnsNull()
    {
        var store = CreateStore();
        await store.AddAsync(Answer("a1", "acme", Noon));

        Assert.Null(await store.GetAsync("globex", "a1"));
        Assert.Null(await store.GetAsync("acme", "missing"));
    }

    [Fact]
    public async Task Rate_TwiceThenSummarize_LastRatingCountsOnce()
    {
        var store = CreateStore();
        await store.AddAsync(Answer("a1", "acme", Noon));
        await store.AddAsync(Answer("a2", "acme", Noon));
        await store.AddAsync(Answer("a3", "acme", Noon, kb: "wiki"));

        Assert.True(await store.RateAsync("acme", "a1", new AnswerRating(false, "wrong", Noon.AddMinutes(1))));
        Assert.True(await store.RateAsync("acme", "a1", new AnswerRating(true, null, Noon.AddMinutes(2))));
        Assert.True(await store.RateAsync("acme", "a2", new AnswerRating(false, "stale", Noon.AddMinutes(3))));
        Assert.False(await store.RateAsync("globex", "a3", new AnswerRating(true, null, Noon)));
        var summary = await store.SummarizeRatingsAsync("acme", Noon.AddHours(-1));

        Assert.Equal([new RatingSummary("handbook", 2, 1, 1), new RatingSummary("wiki", 1, 0, 0)], summary);
        Assert.Equal(new AnswerRating(true, null, Noon.AddMinutes(2)), (await store.GetAsync("acme", "a1"))!.Rating);
    }

    [Fact]
    public async Task List_OneUser_NewestFirstWithinLimit()
    {
        var store = CreateStore();
        for (var i = 0; i < 4; i++)
        {
            await store.AddAsync(Answer($"a{i}", "acme", Noon.AddMinutes(i)));
        }

        await store.AddAsync(Answer("bob1", "acme", Noon.AddHours(1), user: "bob"));
        await store.AddAsync(Answer("other", "globex", Noon.AddHours(1)));

        var mine = await store.ListAsync("acme", "alice", 3);
        var all = await store.ListAsync("acme", null, 10);

        Assert.Equal(["a3", "a2", "a1"], mine.Select(a => a.Id));
        Assert.Equal(["bob1", "a3", "a2", "a1", "a0"], all.Select(a => a.Id));
    }

    [Fact]
    public async Task ReadSamples_HalfOpenWindow_OneTenantOrAll()
    {
        var store = CreateStore();
        await store.AddAsync(Answer("before", "acme", Noon.AddMinutes(-1)));
        await store.AddAsync(Answer("start", "acme", Noon, groundedness: 0.5, answered: false));
        await store.AddAsync(Answer("other", "globex", Noon.AddMinutes(5)));
        await store.AddAsync(Answer("end", "acme", Noon.AddMinutes(10)));

        var acme = await store.ReadSamplesAsync(Noon, Noon.AddMinutes(10), "acme");
        var all = await store.ReadSamplesAsync(Noon, Noon.AddMinutes(10), null);

        Assert.Equal(new AnswerSample(Noon, "acme", false, 0.5, 120, 30, 0.000123456m, 23.125), Assert.Single(acme));
        Assert.Equal(["acme", "globex"], all.Select(s => s.TenantId));
    }

    [Fact]
    public async Task Privacy_DefaultHashed_SetReplaces()
    {
        var store = CreateStore();

        var initial = await store.GetPrivacyAsync("acme");
        await store.SetPrivacyAsync("acme", QuestionPrivacy.Stored);
        await store.SetPrivacyAsync("acme", QuestionPrivacy.Omitted);

        Assert.Equal(QuestionPrivacy.Hashed, initial);
        Assert.Equal(QuestionPrivacy.Omitted, await store.GetPrivacyAsync("acme"));
        Assert.Equal(QuestionPrivacy.Hashed, await store.GetPrivacyAsync("globex"));
    }
}
