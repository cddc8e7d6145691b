using Lodestar.Knowledge.Conversations;
using Lodestar.Knowledge.Documents;

namespace Lodestar.Storage.Tests.Knowledge;

/// <summary>What every <see cref="IConversationHistory"/> must list of what its <see cref="IConversationStore"/> stored; one subclass per backend.</summary>
public abstract class ConversationHistoryContractTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    protected abstract (IConversationStore Store, IConversationHistory History) Create();

    [Fact]
    public async Task List_OwnersConversations_NewestActivityFirstNamedByTheFirstQuestion()
    {
        var (store, history) = Create();
        var kb = new KnowledgeBaseId("acme", "default");
        await store.AppendAsync("c1", kb, "alice", Turn("How do I rotate a key?", Noon));
        await store.AppendAsync("c2", kb, "alice", Turn("Leave policy?", Noon.AddMinutes(1)));
        await store.AppendAsync("c1", kb, "alice", Turn("And revoke it?", Noon.AddMinutes(2)));

        var sessions = await history.ListAsync("acme", "alice", 10);

        Assert.Equal(["c1", "c2"], sessions.Select(s => s.Id));
        Assert.Equal("How do I rotate a key?", sessions[0].FirstQuestion);
        Assert.Equal(2, sessions[0].Turns);
        Assert.Equal(Noon.AddMinutes(2), sessions[0].LastActivity);
    }

    [Fact]
    public async Task List_OtherUsersAndTenants_AreNotListed()
    {
        var (store, history) = Create();
        await store.AppendAsync("mine", new KnowledgeBaseId("acme", "default"), "alice", Turn("mine", Noon));
        await store.AppendAsync("bobs", new KnowledgeBaseId("acme", "default"), "bob", Turn("bob's", Noon));
        await store.AppendAsync("other", new KnowledgeBaseId("globex", "default"), "alice", Turn("other tenant", Noon));

        var sessions = await history.ListAsync("acme", "alice", 10);

        Assert.Equal(["mine"], sessions.Select(s => s.Id));
    }

    [Fact]
    public async Task List_Limit_KeepsTheNewest()
    {
        var (store, history) = Create();
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync($"c{i}", new KnowledgeBaseId("acme", "default"), "alice", Turn($"q{i}", Noon.AddMinutes(i)));
        }

        var sessions = await history.ListAsync("acme", "alice", 2);

        Assert.Equal(["c4", "c3"], sessions.Select(s => s.Id));
    }

    private static ConversationTurn Turn(string question, DateTimeOffset at) => new(question, question, "answer", at);
}
