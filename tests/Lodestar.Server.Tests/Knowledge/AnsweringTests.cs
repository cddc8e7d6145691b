using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Ingestion;

namespace Lodestar.Server.Tests.Knowledge;

public sealed class AnsweringTests
{
    private const string Handbook = """
        # Security handbook

        ## Rotating API keys

        API keys expire after 90 days. To rotate an API key, open the admin console and choose Keys.

        1. Click Create key to issue a new key.
        2. Deploy the new key to every service that uses it.
        3. Revoke the old key once traffic has moved.

        ## Laptop encryption

        Every laptop must use full-disk encryption with a recovery key escrowed to IT.
        """;

    [Fact]
    public async Task Ask_AnsweredQuestion_CitesSnippetsThatAreVerbatimDocumentText()
    {
        await using var fixture = new KnowledgeFixture();
        var path = fixture.Documents.Write("security.md", Handbook);
        await fixture.IngestAsync();

        var answer = await fixture.AskAsync("How do I rotate an API key?");

        Assert.True(answer.Answered);
        Assert.Contains("[1]", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Revoke the old key", answer.Text, StringComparison.Ordinal);
        var citation = Assert.Single(answer.Citations);
        Assert.Equal(("security.md", 1), (citation.Source, citation.Index));
        Assert.Contains("Rotating API keys", citation.HeadingPath, StringComparison.Ordinal);
        var parsed = DocumentParsers.Default.Parse(new SourceFile(path, "security.md", new FileInfo(path).Length, DateTimeOffset.UtcNow));
        Assert.Equal(citation.Snippet, parsed.Text[citation.StartOffset..citation.EndOffset]);
        Assert.Equal(1.0, answer.Groundedness);
    }

    [Fact]
    public async Task Ask_NothingRelevant_SaysItDoesNotKnowWithoutCitations()
    {
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("security.md", Handbook);
        await fixture.IngestAsync();

        var answer = await fixture.AskAsync("What is the capital of Mongolia?");

        Assert.False(answer.Answered);
        Assert.Empty(answer.Citations);
        Assert.Contains("don't know", answer.Text, StringComparison.Ordinal);
        Assert.Equal(0, answer.Groundedness);
    }

    [Fact]
    public async Task Ask_EmptyKnowledgeBase_SaysItDoesNotKnow()
    {
        await using var fixture = new KnowledgeFixture();

        var answer = await fixture.AskAsync("How do I rotate an API key?");

        Assert.False(answer.Answered);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Ask_EmptyQuestion_IsRejected(string question)
    {
        await using var fixture = new KnowledgeFixture();

        var error = await Assert.ThrowsAsync<Lodestar.Core.LodestarException>(() => fixture.AskAsync(question));

        Assert.Equal(Lodestar.Core.ErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public async Task Ask_OverlongQuestion_IsRejected()
    {
        await using var fixture = new KnowledgeFixture(options => options.MaxQuestionCharacters = 100);

        var error = await Assert.ThrowsAsync<Lodestar.Core.LodestarException>(() => fixture.AskAsync(new string('x', 101)));

        Assert.Contains("longer than 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_IsWrittenToTheAuditTrailWithoutTheQuestionText()
    {
        await using var fixture = new KnowledgeFixture();
        fixture.Documents.Write("security.md", Handbook);
        await fixture.IngestAsync();

        await fixture.AskAsync("How do I rotate an API key?");

        var store = fixture.Get<Lodestar.Governance.Audit.IAuditStore>();
        var records = new List<Lodestar.Governance.Audit.AuditRecord>();
        await foreach (var record in store.ReadAsync(0))
        {
            records.Add(record);
        }

        var ask = Assert.Single(records, r => r.Action == "knowledge.ask");
        Assert.DoesNotContain("rotate", ask.DetailsJson, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(records, r => r.Action == "knowledge.ingest");
    }
}
