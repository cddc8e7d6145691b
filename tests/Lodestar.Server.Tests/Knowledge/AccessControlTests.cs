using Lodestar.Core;

namespace Lodestar.Server.Tests.Knowledge;

public sealed class AccessControlTests
{
    [Fact]
    public async Task Search_RestrictedDocuments_AreFilteredBeforeRankingSoReadersGetAFullTopK()
    {
        await using var fixture = new KnowledgeFixture();
        // Twenty finance documents outrank everything for "budget"; only five public ones exist.
        for (var i = 0; i < 20; i++)
        {
            fixture.Documents.Write($"finance/plan{i}.md", $"# Budget plan {i}\n\nBudget budget budget forecast {i}.\n");
        }

        fixture.Documents.Write("finance/_acl.json", """{"allow":["group:finance"]}""");
        for (var i = 0; i < 5; i++)
        {
            fixture.Documents.Write($"public/memo{i}.md", $"# Memo {i}\n\nThe team budget memo number {i} is public.\n");
        }

        await fixture.IngestAsync();
        var bob = await fixture.AddUserAsync("bob", "engineering");
        var alice = await fixture.AddUserAsync("alice", "finance");

        var bobHits = await fixture.SearchAsync("budget", bob, k: 5);
        var aliceHits = await fixture.SearchAsync("budget", alice, k: 25);

        Assert.Equal(5, bobHits.Count);
        Assert.All(bobHits, hit => Assert.StartsWith("public/", hit.Source, StringComparison.Ordinal));
        Assert.Equal(25, aliceHits.Count);
    }

    [Fact]
    public async Task Search_DenyRule_WinsOverGroupAllow()
    {
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("hr/salaries.md", "# Salaries\n\nThe salary bands for engineers are reviewed yearly.\n");
        fixture.Documents.Write("hr/salaries.md.acl.json", """{"allow":["group:hr"],"deny":["user:mallory"]}""");
        await fixture.IngestAsync();
        var mallory = await fixture.AddUserAsync("mallory", "hr");
        var harriet = await fixture.AddUserAsync("harriet", "hr");

        Assert.Empty(await fixture.SearchAsync("salary bands", mallory));
        Assert.Single(await fixture.SearchAsync("salary bands", harriet));
    }

    [Fact]
    public async Task Ask_RestrictedAnswer_IsNeverCitedToAUserWhoCannotReadIt()
    {
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("secret.md", "# Launch codes\n\nThe launch code for project Orion is tangerine-42.\n");
        fixture.Documents.Write("secret.md.acl.json", """{"allow":["user:root"]}""");
        await fixture.IngestAsync();
        var eve = await fixture.AddUserAsync("eve");

        var answer = await fixture.AskAsync("What is the launch code for project Orion?", eve);

        Assert.False(answer.Answered);
        Assert.DoesNotContain("tangerine", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AclSidecarChange_AppliesToTheNextQuery()
    {
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("plan.md", "# Plan\n\nThe roadmap mentions the quantum widget.\n");
        fixture.Documents.Write("plan.md.acl.json", """{"allow":["group:leads"]}""");
        await fixture.IngestAsync();
        var dana = await fixture.AddUserAsync("dana", "staff");
        Assert.Empty(await fixture.SearchAsync("quantum widget", dana));

        fixture.Documents.Write("plan.md.acl.json", """{"allow":["group:leads","group:staff"]}""");
        var report = await fixture.IngestAsync();

        Assert.Equal(1, report.Updated);
        Assert.Single(await fixture.SearchAsync("quantum widget", dana));
    }

    [Fact]
    public async Task MalformedAcl_FailsClosed_DocumentIsSkippedNotOpened()
    {
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("private.md", "# Private\n\nThe pelican project is confidential.\n");
        fixture.Documents.Write("private.md.acl.json", "{ this is not json");
        await fixture.IngestAsync();

        var hits = await fixture.SearchAsync("pelican", Principal.LocalAdministrator);

        Assert.Empty(hits);
    }

    [Fact]
    public async Task Search_PrincipalOfAnotherTenant_SeesNothing()
    {
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("open.md", "# Open\n\nThe lighthouse keeper logs every ship.\n");
        await fixture.IngestAsync();
        var outsider = new Principal("globex", "admin", [], [Role.Admin]);

        Assert.Empty(await fixture.SearchAsync("lighthouse", outsider));
    }
}
