using System.Text.Json;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Npgsql;
using NpgsqlTypes;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Knowledge;

/// <summary>Documents, chunks and the per-knowledge-base change log in PostgreSQL; every write notifies followers on commit.</summary>
internal sealed class PostgresKnowledgeStore(PostgresDatabase database) : IKnowledgeStore
{
    private const string ChunkColumns = "c.id, c.document_id, c.ordinal, c.text, c.heading_path, c.start_offset, c.end_offset, c.token_count";
    private static readonly PostgresModule Module = PostgresKnowledgeSchema.Module;

    public Task<IReadOnlyList<DocumentFingerprint>> ListFingerprintsAsync(KnowledgeBaseId knowledgeBase, string origin, CancellationToken cancellationToken = default) =>
        ReadListAsync(
            "SELECT id, origin, source, content_hash, acl_key FROM kb_documents WHERE tenant = @tenant AND kb = @kb AND origin = @origin ORDER BY source",
            knowledgeBase, r => new DocumentFingerprint(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)), cancellationToken, ("origin", origin));

    public Task UpsertDocumentAsync(KnowledgeDocument document, IReadOnlyList<DocumentChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(chunks);
        foreach (var chunk in chunks)
        {
            if (chunk.DocumentId != document.Id)
            {
                throw new ArgumentException($"chunk {chunk.Id} belongs to {chunk.DocumentId}, not {document.Id}", nameof(chunks));
            }
        }

        var kb = document.KnowledgeBase;
        return database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM kb_chunks WHERE tenant = @tenant AND kb = @kb AND document_id = @id", token,
                ("tenant", kb.TenantId), ("kb", kb.Name), ("id", document.Id)).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                """
                INSERT INTO kb_documents (tenant, kb, id, origin, source, title, content_hash, length, content_type, acl, acl_key, ingested_at)
                VALUES (@tenant, @kb, @id, @origin, @source, @title, @hash, @length, @type, @acl, @aclKey, @at)
                ON CONFLICT (tenant, kb, id) DO UPDATE SET origin = excluded.origin, source = excluded.source, title = excluded.title, content_hash = excluded.content_hash,
                    length = excluded.length, content_type = excluded.content_type, acl = excluded.acl, acl_key = excluded.acl_key, ingested_at = excluded.ingested_at
                """,
                token, ("tenant", kb.TenantId), ("kb", kb.Name), ("id", document.Id), ("origin", document.Origin), ("source", document.Source), ("title", document.Title),
                ("hash", document.ContentHash), ("length", document.Length), ("type", document.ContentType), ("acl", JsonSerializer.Serialize(document.Acl)),
                ("aclKey", document.Acl.ToKey()), ("at", document.IngestedAt.ToString("O"))).ConfigureAwait(false);
            await CopyChunksAsync(connection, kb, chunks, token).ConfigureAwait(false);
            await AppendChangeAsync(connection, transaction, kb, document.Id, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<bool> SetAccessControlAsync(KnowledgeBaseId knowledgeBase, string documentId, AccessControlList acl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acl);
        return ChangeAsync(knowledgeBase, documentId, "UPDATE kb_documents SET acl = @acl, acl_key = @aclKey WHERE tenant = @tenant AND kb = @kb AND id = @id", cancellationToken,
            ("acl", JsonSerializer.Serialize(acl)), ("aclKey", acl.ToKey()));
    }

    public Task<bool> DeleteDocumentAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken = default) =>
        ChangeAsync(knowledgeBase, documentId, "DELETE FROM kb_documents WHERE tenant = @tenant AND kb = @kb AND id = @id", cancellationToken);

    public async Task<KnowledgeDocument?> GetDocumentAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken = default)
    {
        var documents = await QueryDocumentsAsync(knowledgeBase, "AND id = @id", documentId, cancellationToken).ConfigureAwait(false);
        return documents.Count == 0 ? null : documents[0];
    }

    public Task<IReadOnlyList<KnowledgeDocument>> ListDocumentsAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default) =>
        QueryDocumentsAsync(knowledgeBase, string.Empty, null, cancellationToken);

    public Task<IReadOnlyList<DocumentChunk>> GetDocumentChunksAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken = default) =>
        ReadListAsync($"SELECT {ChunkColumns} FROM kb_chunks c WHERE tenant = @tenant AND kb = @kb AND document_id = @id ORDER BY ordinal", knowledgeBase, ReadChunk, cancellationToken, ("id", documentId));

    public async Task<IReadOnlyList<PassageContext>> GetPassagesAsync(KnowledgeBaseId knowledgeBase, IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        if (chunkIds.Count == 0)
        {
            return [];
        }

        // One array parameter instead of SQLite's batches of bound parameters.
        return await ReadListAsync(
            $"SELECT {ChunkColumns}, d.source, d.title FROM kb_chunks c JOIN kb_documents d ON d.tenant = c.tenant AND d.kb = c.kb AND d.id = c.document_id WHERE c.tenant = @tenant AND c.kb = @kb AND c.id = ANY(@ids)",
            knowledgeBase, r => new PassageContext(ReadChunk(r), r.GetString(8), r.GetString(9)), cancellationToken, ("ids", chunkIds.ToArray())).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, AccessControlList>> GetAccessControlAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default)
    {
        var rows = await ReadListAsync("SELECT id, acl, acl_key FROM kb_documents WHERE tenant = @tenant AND kb = @kb", knowledgeBase,
            r => (Id: r.GetString(0), Json: r.GetString(1), Key: r.GetString(2)), cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, AccessControlList>(rows.Count, StringComparer.Ordinal);
        // Documents mostly share a handful of ACLs: parse each distinct one once.
        var parsed = new Dictionary<string, AccessControlList>(StringComparer.Ordinal);
        foreach (var (id, json, key) in rows)
        {
            if (!parsed.TryGetValue(key, out var acl))
            {
                acl = ParseAcl(json);
                parsed[key] = acl;
            }

            result[id] = acl;
        }

        return result;
    }

    public Task<IReadOnlyList<DocumentChange>> ReadChangesAsync(KnowledgeBaseId knowledgeBase, long afterSequence, int limit, CancellationToken cancellationToken = default) =>
        ReadListAsync("SELECT sequence, document_id FROM kb_changes WHERE tenant = @tenant AND kb = @kb AND sequence > @after ORDER BY sequence LIMIT @limit",
            knowledgeBase, r => new DocumentChange(r.GetInt64(0), r.GetString(1)), cancellationToken, ("after", afterSequence), ("limit", limit));

    public async Task<long> GetLatestSequenceAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default)
    {
        var rows = await ReadListAsync("SELECT last_sequence FROM kb_heads WHERE tenant = @tenant AND kb = @kb", knowledgeBase, r => r.GetInt64(0), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? 0 : rows[0];
    }

    public async Task<IReadOnlyList<string>> ListKnowledgeBasesAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(Module, (connection, token) =>
            QueryAsync(connection, null, "SELECT kb FROM kb_heads WHERE tenant = @tenant ORDER BY kb", r => r.GetString(0), token, ("tenant", tenantId)), cancellationToken).ConfigureAwait(false);

    private static DocumentChunk ReadChunk(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7));

    private static AccessControlList ParseAcl(string json) =>
        JsonSerializer.Deserialize<AccessControlList>(json) ?? throw new InvalidDataException("stored ACL is null");

    private Task<IReadOnlyList<KnowledgeDocument>> QueryDocumentsAsync(KnowledgeBaseId knowledgeBase, string filter, string? documentId, CancellationToken cancellationToken) =>
        ReadListAsync(
            $"SELECT id, origin, source, title, content_hash, length, content_type, acl, ingested_at FROM kb_documents WHERE tenant = @tenant AND kb = @kb {filter} ORDER BY source",
            knowledgeBase,
            r => new KnowledgeDocument(r.GetString(0), knowledgeBase, r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetString(6),
                ParseAcl(r.GetString(7)), ReadTime(r, 8)),
            cancellationToken,
            ("id", documentId));

    private async Task<IReadOnlyList<T>> ReadListAsync<T>(string sql, KnowledgeBaseId knowledgeBase, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] extra)
    {
        (string, object?)[] parameters = [("tenant", knowledgeBase.TenantId), ("kb", knowledgeBase.Name), .. extra];
        return await database.ReadAsync(Module, (connection, token) => QueryAsync(connection, null, sql, read, token, parameters), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a one-row update or delete and logs the change when a row was hit.</summary>
    private Task<bool> ChangeAsync(KnowledgeBaseId knowledgeBase, string documentId, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] extra)
    {
        (string, object?)[] parameters = [("tenant", knowledgeBase.TenantId), ("kb", knowledgeBase.Name), ("id", documentId), .. extra];
        return database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            if (await ExecuteAsync(connection, transaction, sql, token, parameters).ConfigureAwait(false) == 0)
            {
                return false;
            }

            await AppendChangeAsync(connection, transaction, knowledgeBase, documentId, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    private static async Task CopyChunksAsync(NpgsqlConnection connection, KnowledgeBaseId kb, IReadOnlyList<DocumentChunk> chunks, CancellationToken cancellationToken)
    {
        // Binary COPY: one round trip for all chunks of a document instead of one INSERT each.
        await using var import = await connection.BeginBinaryImportAsync(
            "COPY kb_chunks (tenant, kb, id, document_id, ordinal, text, heading_path, start_offset, end_offset, token_count) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        foreach (var chunk in chunks)
        {
            await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(kb.TenantId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(kb.Name, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(chunk.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(chunk.DocumentId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(chunk.Ordinal, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(chunk.Text, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(chunk.HeadingPath, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(chunk.StartOffset, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(chunk.EndOffset, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await import.WriteAsync(chunk.TokenCount, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        }

        await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the next sequence of the knowledge base (locking its head row until commit) and notifies followers on commit.</summary>
    private static Task<int> AppendChangeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, KnowledgeBaseId kb, string documentId, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction,
            $"""
            WITH head AS (
                INSERT INTO kb_heads (tenant, kb, last_sequence) VALUES (@tenant, @kb, 1)
                ON CONFLICT (tenant, kb) DO UPDATE SET last_sequence = kb_heads.last_sequence + 1
                RETURNING last_sequence)
            INSERT INTO kb_changes (tenant, kb, sequence, document_id) SELECT @tenant, @kb, last_sequence, @id FROM head;
            SELECT pg_notify('{PostgresKnowledgeSchema.ChangeChannel}', @tenant || '/' || @kb);
            """,
            cancellationToken, ("tenant", kb.TenantId), ("kb", kb.Name), ("id", documentId));
}
