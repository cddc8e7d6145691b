using System.Collections.Concurrent;
using System.Globalization;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Ingestion;
using Lodestar.Knowledge.Settings;

namespace Lodestar.Knowledge.Sync;

/// <summary>Turns a parsed document into stored chunks: the one write path for folders, uploads and datasets.</summary>
internal sealed class DocumentWriter(IKnowledgeStore store, KnowledgeSettingsService settings, IKnowledgeRedactor redactor)
{
    private readonly ConcurrentDictionary<ChunkingSettings, StructuredChunker> _chunkers = new();

    /// <summary>Chunks and stores the document; returns its id. A document without text is rejected.</summary>
    public async Task<string> WriteAsync(KnowledgeBaseId knowledgeBase, string origin, string source, ParsedDocument parsed, string contentHash, long length, AccessControlList acl, bool chunking, CancellationToken cancellationToken)
    {
        var documentId = knowledgeBase.DocumentIdFor(origin, source);
        IReadOnlyList<Chunk> chunks;
        using (var span = KnowledgeTelemetry.Source.StartActivity("knowledge.chunk"))
        {
            chunks = chunking ? (await ChunkerAsync(knowledgeBase, cancellationToken).ConfigureAwait(false)).Split(parsed) : WholeDocument(parsed);
            span?.SetTag("lodestar.chunks", chunks.Count).SetTag("lodestar.kb", knowledgeBase.Name);
        }

        if (chunks.Count == 0)
        {
            throw new DocumentParseException("no text content");
        }

        // Chunk ids change with the content, so a citation never points at text that was since rewritten.
        var version = contentHash.Length >= 8 ? contentHash[..8] : contentHash;
        // PII ingest rules apply per chunk, so the index never holds the original values; offsets still point into the source file.
        var stored = chunks.Select(chunk => new DocumentChunk(
            $"{documentId}-{version}-{chunk.Ordinal.ToString(CultureInfo.InvariantCulture)}", documentId, chunk.Ordinal, redactor.ForIndex(knowledgeBase, chunk.Text),
            redactor.ForIndex(knowledgeBase, chunk.HeadingPath), chunk.StartOffset, chunk.EndOffset, chunk.TokenCount)).ToList();
        var document = new KnowledgeDocument(documentId, knowledgeBase, origin, source, redactor.ForIndex(knowledgeBase, parsed.Title), contentHash, length, parsed.ContentType, acl, DateTimeOffset.UtcNow);
        await store.UpsertDocumentAsync(document, stored, cancellationToken).ConfigureAwait(false);
        return documentId;
    }

    /// <summary>The knowledge base's chunking settings apply to documents written from now on.</summary>
    private async Task<StructuredChunker> ChunkerAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken)
    {
        var chunking = (await settings.GetEffectiveAsync(knowledgeBase, cancellationToken).ConfigureAwait(false)).Chunking!;
        return _chunkers.GetOrAdd(chunking, c => new StructuredChunker(new ChunkingOptions(c.MaxTokens, c.OverlapTokens)));
    }

    private static IReadOnlyList<Chunk> WholeDocument(ParsedDocument parsed)
    {
        var text = parsed.Text;
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end == start ? [] : [new Chunk(0, text[start..end], string.Empty, start, end, StructuredChunker.CountTokens(text.AsSpan(start, end - start)))];
    }
}
