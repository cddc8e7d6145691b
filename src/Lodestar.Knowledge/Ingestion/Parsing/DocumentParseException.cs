namespace Lodestar.Knowledge.Ingestion;

/// <summary>A document (or its ACL sidecar) cannot be ingested; the message is the reason shown to operators.</summary>
public sealed class DocumentParseException(string reason) : Exception(reason);
