using Lodestar.Core;
using Lodestar.Knowledge.Documents;

namespace Lodestar.Storage.Tests.Knowledge;

/// <summary>What every <see cref="IKnowledgeStore"/> must do; one subclass per backend.</summary>
public abstract class KnowledgeStoreContractTests
{
    private static readonly KnowledgeBaseId Kb = new("acme", "handbook");

    protected abstract IKnowledgeStore CreateStore();

    [Fact]
    public async Task UpsertDocument_NewDocument_IsListedWithChunksAndOneChange()
    {
        var store = CreateStore();
        var (document, chunks) = Sample("guide.md", "hash1", 3);

        await store.UpsertDocumentAsync(document, chunks);

        var fingerprints = await store.ListFingerprintsAsync(Kb, "/origin");
        Assert.Equal([new DocumentFingerprint(document.Id, "/origin", "guide.md", "hash1", AccessControlList.Open.ToKey())], fingerprints);
        Assert.Equal(chunks, await store.GetDocumentChunksAsync(Kb, document.Id));
        Assert.Equal(1, await store.GetLatestSequenceAsync(Kb));
        var stored = await store.GetDocumentAsync(Kb, document.Id);
        Assert.NotNull(stored);
        Assert.Equal(document.Title, stored.Title);
        Assert.Equal(document.Acl, stored.Acl);
    }

    [Fact]
    public async Task UpsertDocument_Existing_ReplacesAllChunks()
    {
        var store = CreateStore();
        var (first, firstChunks) = Sample("guide.md", "hash1", 3);
        await store.UpsertDocumentAsync(first, firstChunks);
        var (second, secondChunks) = Sample("guide.md", "hash2", 1);

        await store.UpsertDocumentAsync(second, secondChunks);

        Assert.Equal(secondChunks, await store.GetDocumentChunksAsync(Kb, first.Id));
        Assert.Empty(await store.GetPassagesAsync(Kb, firstChunks.Select(c => c.Id).Except(secondChunks.Select(c => c.Id)).ToList()));
        Assert.Equal(2, (await store.ReadChangesAsync(Kb, 0, 100)).Count);
    }

    [Fact]
    public async Task DeleteDocument_Existing_RemovesDocumentAndChunksAndLogsChange()
    {
        var store = CreateStore();
        var (document, chunks) = Sample("guide.md", "hash1", 2);
        await store.UpsertDocumentAsync(document, chunks);

        Assert.True(await store.DeleteDocumentAsync(Kb, document.Id));

        Assert.Null(await store.GetDocumentAsync(Kb, document.Id));
        Assert.Empty(await store.GetDocumentChunksAsync(Kb, document.Id));
        Assert.Equal([1L, 2L], (await store.ReadChangesAsync(Kb, 0, 100)).Select(c => c.Sequence));
        Assert.False(await store.DeleteDocumentAsync(Kb, document.Id));
    }

    [Fact]
    public async Task SetAccessControl_Existing_ChangesAclAndLogsChange()
    {
        var store = CreateStore();
        var (document, chunks) = Sample("pay.md", "h", 1);
        await store.UpsertDocumentAsync(document, chunks);
        var acl = new AccessControlList(["group:finance"], ["user:bob"]);

        Assert.True(await store.SetAccessControlAsync(Kb, document.Id, acl));

        var acls = await store.GetAccessControlAsync(Kb);
        Assert.Equal(acl, acls[document.Id]);
        Assert.Equal(2, await store.GetLatestSequenceAsync(Kb));
        Assert.False(await store.SetAccessControlAsync(Kb, "doc_missing", acl));
    }

    [Fact]
    public async Task GetPassages_ManyIds_ReturnsOnlyExistingWithDocumentFacts()
    {
        var store = CreateStore();
        var (document, chunks) = Sample("big.md", "h", 450);
        await store.UpsertDocumentAsync(document, chunks);

        var passages = await store.GetPassagesAsync(Kb, [.. chunks.Select(c => c.Id), "missing-chunk"]);

        Assert.Equal(450, passages.Count);
        Assert.All(passages, p => Assert.Equal(("big.md", "Title of big.md"), (p.Source, p.Title)));
    }

    [Fact]
    public async Task KnowledgeBases_AreIsolatedByTenantAndName()
    {
        var store = CreateStore();
        var (document, chunks) = Sample("guide.md", "h", 1);
        await store.UpsertDocumentAsync(document, chunks);
        var otherTenant = new KnowledgeBaseId("globex", "handbook");

        Assert.Empty(await store.ListFingerprintsAsync(otherTenant, "/origin"));
        Assert.Null(await store.GetDocumentAsync(otherTenant, document.Id));
        Assert.Empty(await store.GetPassagesAsync(otherTenant, chunks.Select(c => c.Id).ToList()));
        Assert.Equal(0, await store.GetLatestSequenceAsync(otherTenant));
        Assert.Equal(["handbook"], await store.ListKnowledgeBasesAsync("acme"));
        Assert.Empty(await store.ListKnowledgeBasesAsync("globex"));
    }

    [Fact]
    public async Task ReadChanges_AfterSequenceWithLimit_PagesInOrder()
    {
        var store = CreateStore();
        for (var i = 0; i < 5; i++)
        {
            var (document, chunks) = Sample($"doc{i}.md", "h", 1);
            await store.UpsertDocumentAsync(document, chunks);
        }

        var page = await store.ReadChangesAsync(Kb, 2, 2);

        Assert.Equal([3L, 4L], page.Select(c => c.Sequence));
    }

    private static (KnowledgeDocument Document, IReadOnlyList<DocumentChunk> Chunks) Sample(string source, string hash, int chunkCount)
    {
        var id = Kb.DocumentIdFor("/origin", source);
        var document = new KnowledgeDocument(id, Kb, "/origin", source, "Title of " + source, hash, 100, "text/markdown", AccessControlList.Open, DateTimeOffset.UnixEpoch);
        var chunks = Enumerable.Range(0, chunkCount)
            .Select(i => new DocumentChunk($"{id}-{hash}-{i}", id, i, $"chunk {i} of {source}", "Guide > Part", i * 10, (i * 10) + 9, 4))
            .ToList();
        return (document, chunks);
    }
}
