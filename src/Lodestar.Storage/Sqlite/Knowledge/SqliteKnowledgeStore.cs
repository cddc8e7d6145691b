using System.Text;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Microsoft.Data.Sqlite;

namespace Lodestar.Storage.Sqlite.Knowledge;

/// <summary>The embedded knowledge store: documents, chunks and the change log in SQLite.</summary>
internal sealed class SqliteKnowledgeStore(SqliteDatabase database) : IKnowledgeStore
{
    public async Task<IReadOnlyList<DocumentFingerprint>> ListFingerprintsAsync(KnowledgeBaseId knowledgeBase, string origin, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT id, origin, source, content_hash, acl_key FROM kb_documents WHERE tenant = $tenant AND kb = $kb AND origin = $origin ORDER BY source", knowledgeBase);
        command.Parameters.AddWithValue("$origin", origin);
        var result = new List<DocumentFingerprint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new DocumentFingerprint(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return result;
    }

    public async Task UpsertDocumentAsync(KnowledgeDocument document, IReadOnlyList<DocumentChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(chunks);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var kb = document.KnowledgeBase;
        await using (var delete = Command(connection, "DELETE FROM kb_chunks WHERE tenant = $tenant AND kb = $kb AND document_id = $id", kb, transaction))
        {
            delete.Parameters.AddWithValue("$id", document.Id);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var upsert = Command(
            connection,
            """
            INSERT INTO kb_documents (tenant, kb, id, origin, source, title, content_hash, length, content_type, acl, acl_key, ingested_at)
            VALUES ($tenant, $kb, $id, $origin, $source, $title, $hash, $length, $type, $acl, $aclKey, $at)
            ON CONFLICT (tenant, kb, id) DO UPDATE SET origin = excluded.origin, source = excluded.source, title = excluded.title, content_hash = excluded.content_hash,
                length = excluded.length, content_type = excluded.content_type, acl = excluded.acl, acl_key = excluded.acl_key, ingested_at = excluded.ingested_at
            """,
            kb,
            transaction))
        {
            upsert.Parameters.AddWithValue("$id", document.Id);
            upsert.Parameters.AddWithValue("$origin", document.Origin);
            upsert.Parameters.AddWithValue("$source", document.Source);
            upsert.Parameters.AddWithValue("$title", document.Title);
            upsert.Parameters.AddWithValue("$hash", document.ContentHash);
            upsert.Parameters.AddWithValue("$length", document.Length);
            upsert.Parameters.AddWithValue("$type", document.ContentType);
            upsert.Parameters.AddWithValue("$acl", JsonSerializer.Serialize(document.Acl));
            upsert.Parameters.AddWithValue("$aclKey", document.Acl.ToKey());
            upsert.Parameters.AddWithValue("$at", document.IngestedAt.ToString("O"));
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = Command(
            connection,
            "INSERT INTO kb_chunks (tenant, kb, id, document_id, ordinal, text, heading_path, start_offset, end_offset, token_count) VALUES ($tenant, $kb, $id, $doc, $ordinal, $text, $heading, $start, $end, $tokens)",
            kb,
            transaction))
        {
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var doc = insert.Parameters.AddWithValue("$doc", document.Id);
            var ordinal = insert.Parameters.Add("$ordinal", SqliteType.Integer);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            var heading = insert.Parameters.Add("$heading", SqliteType.Text);
            var start = insert.Parameters.Add("$start", SqliteType.Integer);
            var end = insert.Parameters.Add("$end", SqliteType.Integer);
            var tokens = insert.Parameters.Add("$tokens", SqliteType.Integer);
            foreach (var chunk in chunks)
            {
                if (chunk.DocumentId != document.Id)
                {
                    throw new ArgumentException($"chunk {chunk.Id} belongs to {chunk.DocumentId}, not {document.Id}", nameof(chunks));
                }

                id.Value = chunk.Id;
                ordinal.Value = chunk.Ordinal;
                text.Value = chunk.Text;
                heading.Value = chunk.HeadingPath;
                start.Value = chunk.StartOffset;
                end.Value = chunk.EndOffset;
                tokens.Value = chunk.TokenCount;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await AppendChangeAsync(connection, transaction, kb, document.Id, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> SetAccessControlAsync(KnowledgeBaseId knowledgeBase, string documentId, AccessControlList acl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acl);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var update = Command(connection, "UPDATE kb_documents SET acl = $acl, acl_key = $aclKey WHERE tenant = $tenant AND kb = $kb AND id = $id", knowledgeBase, transaction);
        update.Parameters.AddWithValue("$id", documentId);
        update.Parameters.AddWithValue("$acl", JsonSerializer.Serialize(acl));
        update.Parameters.AddWithValue("$aclKey", acl.ToKey());
        if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            return false;
        }

        await AppendChangeAsync(connection, transaction, knowledgeBase, documentId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> DeleteDocumentAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = Command(connection, "DELETE FROM kb_documents WHERE tenant = $tenant AND kb = $kb AND id = $id", knowledgeBase, transaction);
        delete.Parameters.AddWithValue("$id", documentId);
        if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            return false;
        }

        await AppendChangeAsync(connection, transaction, knowledgeBase, documentId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<KnowledgeDocument?> GetDocumentAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken = default)
    {
        var documents = await QueryDocumentsAsync(knowledgeBase, "AND id = $id", documentId, cancellationToken).ConfigureAwait(false);
        return documents.Count == 0 ? null : documents[0];
    }

    public Task<IReadOnlyList<KnowledgeDocument>> ListDocumentsAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default) =>
        QueryDocumentsAsync(knowledgeBase, string.Empty, null, cancellationToken);

    public async Task<IReadOnlyList<DocumentChunk>> GetDocumentChunksAsync(KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT {ChunkColumns} FROM kb_chunks c WHERE tenant = $tenant AND kb = $kb AND document_id = $id ORDER BY ordinal", knowledgeBase);
        command.Parameters.AddWithValue("$id", documentId);
        var result = new List<DocumentChunk>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(ReadChunk(reader));
        }

        return result;
    }

    public async Task<IReadOnlyList<PassageContext>> GetPassagesAsync(KnowledgeBaseId knowledgeBase, IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        var result = new List<PassageContext>(chunkIds.Count);
        if (chunkIds.Count == 0)
        {
            return result;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // Batches stay far below SQLite's bound-parameter limit.
        foreach (var batch in chunkIds.Chunk(200))
        {
            var sql = new StringBuilder($"SELECT {ChunkColumns}, d.source, d.title FROM kb_chunks c JOIN kb_documents d ON d.tenant = c.tenant AND d.kb = c.kb AND d.id = c.document_id WHERE c.tenant = $tenant AND c.kb = $kb AND c.id IN (");
            await using var command = Command(connection, string.Empty, knowledgeBase);
            for (var i = 0; i < batch.Length; i++)
            {
                sql.Append(i == 0 ? "$c0" : $", $c{i}");
                command.Parameters.AddWithValue($"$c{i}", batch[i]);
            }

            command.CommandText = sql.Append(')').ToString();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(new PassageContext(ReadChunk(reader), reader.GetString(8), reader.GetString(9)));
            }
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, AccessControlList>> GetAccessControlAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT id, acl, acl_key FROM kb_documents WHERE tenant = $tenant AND kb = $kb", knowledgeBase);
        var result = new Dictionary<string, AccessControlList>(StringComparer.Ordinal);
        // Documents mostly share a handful of ACLs: parse each distinct one once.
        var parsed = new Dictionary<string, AccessControlList>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = reader.GetString(2);
            if (!parsed.TryGetValue(key, out var acl))
            {
                acl = ParseAcl(reader.GetString(1));
                parsed[key] = acl;
            }

            result[reader.GetString(0)] = acl;
        }

        return result;
    }

    public async Task<IReadOnlyList<DocumentChange>> ReadChangesAsync(KnowledgeBaseId knowledgeBase, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT sequence, document_id FROM kb_changes WHERE tenant = $tenant AND kb = $kb AND sequence > $after ORDER BY sequence LIMIT $limit", knowledgeBase);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<DocumentChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new DocumentChange(reader.GetInt64(0), reader.GetString(1)));
        }

        return result;
    }

    public async Task<long> GetLatestSequenceAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT COALESCE(MAX(sequence), 0) FROM kb_changes WHERE tenant = $tenant AND kb = $kb", knowledgeBase);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<string>> ListKnowledgeBasesAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT kb FROM kb_changes WHERE tenant = $tenant ORDER BY kb";
        command.Parameters.AddWithValue("$tenant", tenantId);
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    private const string ChunkColumns = "c.id, c.document_id, c.ordinal, c.text, c.heading_path, c.start_offset, c.end_offset, c.token_count";

    private static DocumentChunk ReadChunk(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7));

    private static AccessControlList ParseAcl(string json) =>
        JsonSerializer.Deserialize<AccessControlList>(json) ?? throw new InvalidDataException("stored ACL is null");

    private async Task<IReadOnlyList<KnowledgeDocument>> QueryDocumentsAsync(KnowledgeBaseId knowledgeBase, string filter, string? documentId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT id, origin, source, title, content_hash, length, content_type, acl, ingested_at FROM kb_documents WHERE tenant = $tenant AND kb = $kb {filter} ORDER BY source", knowledgeBase);
        if (documentId is not null)
        {
            command.Parameters.AddWithValue("$id", documentId);
        }

        var result = new List<KnowledgeDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new KnowledgeDocument(
                reader.GetString(0), knowledgeBase, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5), reader.GetString(6),
                ParseAcl(reader.GetString(7)), DateTimeOffset.Parse(reader.GetString(8), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return result;
    }

    private static async Task AppendChangeAsync(SqliteConnection connection, SqliteTransaction transaction, KnowledgeBaseId knowledgeBase, string documentId, CancellationToken cancellationToken)
    {
        await using var change = Command(connection, "INSERT INTO kb_changes (tenant, kb, document_id) VALUES ($tenant, $kb, $id)", knowledgeBase, transaction);
        change.Parameters.AddWithValue("$id", documentId);
        await change.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, KnowledgeBaseId knowledgeBase, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$tenant", knowledgeBase.TenantId);
        command.Parameters.AddWithValue("$kb", knowledgeBase.Name);
        return command;
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        database.OpenAsync(KnowledgeSchema.Module, KnowledgeSchema.Migrations, cancellationToken);
}
