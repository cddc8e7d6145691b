using Lodestar.Core;

namespace Lodestar.Knowledge.Documents;

/// <summary>
/// One ingested document of a knowledge base, as the system of record keeps it. <see cref="Origin"/> is where it
/// came from (an ingested folder, "upload", a dataset); <see cref="Source"/> is its path relative to that origin.
/// </summary>
public sealed record KnowledgeDocument(
    string Id,
    KnowledgeBaseId KnowledgeBase,
    string Origin,
    string Source,
    string Title,
    string ContentHash,
    long Length,
    string ContentType,
    AccessControlList Acl,
    DateTimeOffset IngestedAt);
