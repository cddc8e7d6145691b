namespace Lodestar.Knowledge.Sync;

/// <summary>What a queued ingestion job carries: the knowledge base, the server-side path, and the asker as they were then.</summary>
public sealed record IngestionJobPayload(string KnowledgeBase, string Path, string UserId, IReadOnlyList<string> Groups, IReadOnlyList<string> Roles);
