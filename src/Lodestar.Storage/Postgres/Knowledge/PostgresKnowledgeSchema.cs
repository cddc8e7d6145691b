namespace Lodestar.Storage.Postgres.Knowledge;

/// <summary>
/// The knowledge module's tables. Unlike SQLite's global AUTOINCREMENT, each knowledge base has its own gap-free
/// sequence in <c>kb_heads</c>: the head row is locked until commit, so change n+1 can never become visible before
/// change n and a follower reading "after my last sequence" never skips a change that committed late.
/// </summary>
internal static class PostgresKnowledgeSchema
{
    public static PostgresModule Module { get; } = new("knowledge",
    [
        """
        CREATE TABLE kb_documents (
            tenant TEXT NOT NULL,
            kb TEXT NOT NULL,
            id TEXT NOT NULL,
            origin TEXT NOT NULL,
            source TEXT NOT NULL,
            title TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            length BIGINT NOT NULL,
            content_type TEXT NOT NULL,
            acl TEXT NOT NULL,
            acl_key TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            PRIMARY KEY (tenant, kb, id));
        CREATE UNIQUE INDEX kb_documents_source ON kb_documents (tenant, kb, origin, source);
        CREATE TABLE kb_chunks (
            tenant TEXT NOT NULL,
            kb TEXT NOT NULL,
            id TEXT NOT NULL,
            document_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            text TEXT NOT NULL,
            heading_path TEXT NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            token_count INTEGER NOT NULL,
            PRIMARY KEY (tenant, kb, id),
            FOREIGN KEY (tenant, kb, document_id) REFERENCES kb_documents (tenant, kb, id) ON DELETE CASCADE);
        CREATE INDEX kb_chunks_document ON kb_chunks (tenant, kb, document_id, ordinal);
        CREATE TABLE kb_heads (
            tenant TEXT NOT NULL,
            kb TEXT NOT NULL,
            last_sequence BIGINT NOT NULL,
            PRIMARY KEY (tenant, kb));
        CREATE TABLE kb_changes (
            tenant TEXT NOT NULL,
            kb TEXT NOT NULL,
            sequence BIGINT NOT NULL,
            document_id TEXT NOT NULL,
            PRIMARY KEY (tenant, kb, sequence));
        CREATE TABLE kb_conversations (
            tenant TEXT NOT NULL,
            id TEXT NOT NULL,
            kb TEXT NOT NULL,
            owner TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (tenant, id));
        CREATE TABLE kb_conversation_turns (
            tenant TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            question TEXT NOT NULL,
            standalone_question TEXT NOT NULL,
            answer TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (tenant, conversation_id, ordinal),
            FOREIGN KEY (tenant, conversation_id) REFERENCES kb_conversations (tenant, id) ON DELETE CASCADE);
        """,
    ]);

    /// <summary>The LISTEN/NOTIFY channel; the payload is <c>tenant/kb</c> of the knowledge base that changed.</summary>
    public const string ChangeChannel = "lodestar_kb_changes";
}
