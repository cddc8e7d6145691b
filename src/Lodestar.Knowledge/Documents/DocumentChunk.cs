namespace Lodestar.Knowledge.Documents;

/// <summary>A passage of a document: its text is exactly the document text between the offsets.</summary>
public sealed record DocumentChunk(
    string Id,
    string DocumentId,
    int Ordinal,
    string Text,
    string HeadingPath,
    int StartOffset,
    int EndOffset,
    int TokenCount);
