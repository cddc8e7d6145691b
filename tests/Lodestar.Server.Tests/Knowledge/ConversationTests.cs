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

        await fixture.AskAsync("Which VPN client do we use?", session: "s1");
        var followUp = await fixture.AskAsync("How do I install it?", session: "s1");

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
        await fixture.AskAsync("Which VPN client do we use?", alice, "alice-1");

        var error = await Assert.ThrowsAsync<LodestarException>(() =>
            fixture.AskAsync("What did she ask?", mallory, "alice-1"));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Ask_InvalidSessionId_IsRejected()
    {
        await using var fixture = new KnowledgeFixture();

        var error = await Assert.ThrowsAsync<LodestarException>(() =>
            fixture.AskAsync("VPN?", session: "bad id!"));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }
}
