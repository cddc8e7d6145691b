using Lodestar.Core;
using Lodestar.Knowledge.Answering;

namespace Lodestar.Server.Tests.Knowledge;

public sealed class ConversationTests
{
    private const string Handbook = """
        # Handbook

        ## VPN

        The VPN client is WireGuard. Install it from the self-service portal and import your profile.

        ## Expenses

        Submit receipts within 30 days through the finance portal.
        """;

    [Fact]
    public async Task Ask_FollowUpInSession_IsAnsweredFromTheEarlierTopic()
    {
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("handbook.md", Handbook);
        await fixture.IngestAsync();
        var assistant = fixture.Get<KnowledgeAssistant>();

        await assistant.AskAsync(new AskRequest(KnowledgeFixture.Kb, "Which VPN client do we use?", Principal.LocalAdministrator, ConversationId: "s1"));
        var followUp = await assistant.AskAsync(new AskRequest(KnowledgeFixture.Kb, "How do I install it?", Principal.LocalAdministrator, ConversationId: "s1"));

        Assert.Contains("VPN", followUp.SearchedQuestion, StringComparison.Ordinal);
        Assert.True(followUp.Answered);
        Assert.Contains("self-service portal", followUp.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_SomeoneElsesSession_IsNotFoundAndNotContinued()
    {
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("handbook.md", Handbook);
        await fixture.IngestAsync();
        var alice = await fixture.AddUserAsync("alice");
        var mallory = await fixture.AddUserAsync("mallory");
        var assistant = fixture.Get<KnowledgeAssistant>();
        await assistant.AskAsync(new AskRequest(KnowledgeFixture.Kb, "Which VPN client do we use?", alice, ConversationId: "alice-1"));

        var error = await Assert.ThrowsAsync<LodestarException>(() =>
            assistant.AskAsync(new AskRequest(KnowledgeFixture.Kb, "What did she ask?", mallory, ConversationId: "alice-1")));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Ask_InvalidSessionId_IsRejected()
    {
        await using var fixture = new KnowledgeFixture();

        var error = await Assert.ThrowsAsync<LodestarException>(() =>
            fixture.Get<KnowledgeAssistant>().AskAsync(new AskRequest(KnowledgeFixture.Kb, "VPN?", Principal.LocalAdministrator, ConversationId: "bad id!")));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }
}
