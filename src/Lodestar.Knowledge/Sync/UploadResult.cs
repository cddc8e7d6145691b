namespace Lodestar.Knowledge.Sync;

/// <summary>The document an upload created or replaced.</summary>
public sealed record UploadResult(string DocumentId, string Source);
