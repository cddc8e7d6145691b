using System.Globalization;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Ingestion;
using Microsoft.Extensions.Options;

namespace Lodestar.Knowledge.Sync;

/// <summary>Turns a parsed document into stored chunks: the one write path for folders, uploads and datasets.</summary>
internal sealed class DocumentWriter(IKnowledgeStore store, IOptions<KnowledgeOptions> options)
{
    private readonly StructuredChunker _chunker = new(new ChunkingOptions(options.Value.ChunkMaxTokens, options.Value.ChunkOverlapTokens));

    /// <summary>Chunks and stores the document; returns its id. A document without text is rejected.</summary>
    public async Task<string> WriteAsync(KnowledgeBaseId knowledgeBase, string origin, string source, ParsedDocument parsed, string contentHash, long length, AccessControlList acl, bool chunking, CancellationToken cancellationToken)
    {
        var documentId = knowledgeBase.DocumentIdFor(origin, source);
        IReadOnlyList<Chunk> chunks;
        using (var span = KnowledgeTelemetry.Source.StartActivity("knowledge.chunk"))
        {
            chunks = chunking ? _chunker.Split(parsed) : WholeDocument(parsed);
            span?.SetTag("lodestar.chunks", chunks.Count).SetTag("lodestar.kb", knowledgeBase.Name);
        }

        if (chunks.Count == 0)
        {
            throw new DocumentParseException("no text content");
        }

        // Chunk ids change with the content, so a citation never points at text that was since rewritten.
        var version = contentHash.Length >= 8 ? contentHash[..8] : contentHash;
        var stored = chunks.Select(chunk => new DocumentChunk(
            $"{documentId}-{version}-{chunk.Ordinal.ToString(CultureInfo.InvariantCulture)}", documentId, chunk.Ordinal, chunk.Text, chunk.HeadingPath, chunk.StartOffset, chunk.EndOffset, chunk.TokenCount)).ToList();
        var document = new KnowledgeDocument(documentId, knowledgeBase, origin, source, parsed.Title, contentHash, length, parsed.ContentType, acl, DateTimeOffset.UtcNow);
        await store.UpsertDocumentAsync(document, stored, cancellationToken).ConfigureAwait(false);
        return documentId;
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
