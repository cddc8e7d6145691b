using System.Security.Cryptography;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;
using Lodestar.Knowledge.Indexes;
using Lodestar.Knowledge.Ingestion;
using Microsoft.Extensions.Options;

namespace Lodestar.Knowledge.Sync;

/// <summary>
/// Incremental sync of a folder (or one file) into a knowledge base: unchanged files are skipped by content
/// hash, changed files re-chunked, vanished files removed, bad files reported and skipped. Each document is
/// written in one transaction, so an interrupted run leaves no half-written document; re-running finishes it.
/// </summary>
public sealed class IngestionService
{
    private readonly IKnowledgeStore _store;
    private readonly DocumentWriter _writer;
    private readonly KnowledgeIndexRegistry _indexes;
    private readonly IAuditLog _audit;
    private readonly KnowledgeOptions _options;
    private readonly DocumentAccessService _access;

    internal IngestionService(IKnowledgeStore store, DocumentWriter writer, KnowledgeIndexRegistry indexes, IAuditLog audit, IOptions<KnowledgeOptions> options, DocumentAccessService access)
    {
        _access = access;
        _store = store;
        _writer = writer;
        _indexes = indexes;
        _audit = audit;
        _options = options.Value;
    }

    public async Task<IngestReport> IngestAsync(KnowledgeBaseId knowledgeBase, string path, Principal actor, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(path) || (!File.Exists(path) && !Directory.Exists(path)))
        {
            throw LodestarException.Invalid($"no such file or folder: {path}");
        }

        var origin = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        using var span = KnowledgeTelemetry.Source.StartActivity("knowledge.ingest");
        span?.SetTag("lodestar.kb", knowledgeBase.Name).SetTag("lodestar.tenant", knowledgeBase.TenantId);
        var connectorOptions = new FolderConnectorOptions { MaxFileBytes = _options.MaxFileBytes };
        var skipped = new List<SkippedSource>();
        var files = new FolderConnector().Enumerate(origin, connectorOptions, skipped).ToList();
        var failures = skipped.Select(source => new IngestFailure(source.RelativePath, source.Reason)).ToList();
        var known = (await _store.ListFingerprintsAsync(knowledgeBase, origin, cancellationToken).ConfigureAwait(false))
            .ToDictionary(fingerprint => fingerprint.Source, StringComparer.Ordinal);

        int added = 0, updated = 0, unchanged = 0, removed = 0;
        long bytesDone = 0, bytesTotal = files.Sum(file => file.Length);
        var seen = new HashSet<string>(failures.Select(failure => failure.Source), StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = files[i];
            seen.Add(file.RelativePath);
            progress?.Report(new IngestProgress(i, files.Count, bytesDone, bytesTotal, file.RelativePath));
            // The file's name can be personal data: the span carries its size and type only.
            using var fileSpan = KnowledgeTelemetry.Source.StartActivity("knowledge.ingest.file");
            fileSpan?.SetTag("lodestar.bytes", file.Length).SetTag("lodestar.extension", Path.GetExtension(file.RelativePath).ToLowerInvariant());
            var outcome = "unchanged";
            try
            {
                var root = File.Exists(origin) ? Path.GetDirectoryName(origin)! : origin;
                var acl = AccessControlResolver.Resolve(root, File.Exists(origin) ? Path.GetFileName(origin) : file.RelativePath);
                // An ACL set over HTTP outranks the sidecars (see DocumentAccessService).
                acl = await _access.EffectiveAsync(knowledgeBase, knowledgeBase.DocumentIdFor(origin, file.RelativePath), acl, cancellationToken).ConfigureAwait(false);
                var hash = await HashAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
                known.TryGetValue(file.RelativePath, out var previous);
                if (previous is not null && previous.ContentHash == hash)
                {
                    if (previous.AclKey == acl.ToKey())
                    {
                        unchanged++;
                    }
                    else
                    {
                        await _store.SetAccessControlAsync(knowledgeBase, previous.DocumentId, acl, cancellationToken).ConfigureAwait(false);
                        updated++;
                        outcome = "updated";
                    }
                }
                else
                {
                    var parsed = DocumentParsers.Default.Parse(file);
                    await _writer.WriteAsync(knowledgeBase, origin, file.RelativePath, parsed, hash, file.Length, acl, chunking: true, cancellationToken).ConfigureAwait(false);
                    if (previous is null)
                    {
                        added++;
                        outcome = "added";
                    }
                    else
                    {
                        updated++;
                        outcome = "updated";
                    }
                }
            }
            catch (Exception error) when (error is DocumentParseException or IOException or UnauthorizedAccessException)
            {
                // The previous version (if any) stays searchable; the report says why this one was skipped.
                failures.Add(new IngestFailure(file.RelativePath, error.Message));
                outcome = "failed";
            }

            fileSpan?.SetTag("lodestar.outcome", outcome);
            CountFile(knowledgeBase, outcome, file.Length);
            bytesDone += file.Length;
        }

        foreach (var gone in known.Values.Where(fingerprint => !seen.Contains(fingerprint.Source)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await _store.DeleteDocumentAsync(knowledgeBase, gone.DocumentId, cancellationToken).ConfigureAwait(false))
            {
                removed++;
            }
        }

        progress?.Report(new IngestProgress(files.Count, files.Count, bytesDone, bytesTotal, null));
        await CatchUpIndexesAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        var report = new IngestReport(added, updated, unchanged, removed, failures);
        span?.SetTag("lodestar.files", files.Count).SetTag("lodestar.added", added).SetTag("lodestar.updated", updated).SetTag("lodestar.removed", removed).SetTag("lodestar.failed", failures.Count);
        await _audit.AppendAsync(
            new AuditEvent(knowledgeBase.TenantId, actor.UserId, "knowledge.ingest", knowledgeBase.ToString(), new Dictionary<string, string>
            {
                ["origin"] = origin,
                ["added"] = added.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["updated"] = updated.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["removed"] = removed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["failed"] = failures.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }),
            cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static void CountFile(KnowledgeBaseId knowledgeBase, string outcome, long bytes)
    {
        var tenant = new KeyValuePair<string, object?>("tenant", knowledgeBase.TenantId);
        KnowledgeTelemetry.IngestedFiles.Add(1, tenant, new KeyValuePair<string, object?>("outcome", outcome));
        KnowledgeTelemetry.IngestedBytes.Add(bytes, tenant);
    }

    /// <summary>Stores one uploaded file as document <paramref name="fileName"/> of origin "upload"; a re-upload replaces it.</summary>
    public async Task<UploadResult> UploadAsync(KnowledgeBaseId knowledgeBase, string fileName, Stream content, AccessControlList acl, Principal actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(actor);
        var source = Path.GetFileName(fileName ?? string.Empty);
        if (string.IsNullOrWhiteSpace(source) || source.StartsWith('.'))
        {
            throw LodestarException.Invalid("the upload needs a file name such as handbook.md");
        }

        if (!DocumentParsers.Default.TryGet(source, out _))
        {
            throw LodestarException.Invalid($"unsupported file type: {source}");
        }

        // Uploads are bounded by MaxFileBytes, so buffering one in memory is safe and avoids a temp file.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxFileBytes)
            {
                throw LodestarException.Invalid($"the file is larger than {_options.MaxFileBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        buffer.Position = 0;
        using var fileSpan = KnowledgeTelemetry.Source.StartActivity("knowledge.ingest.file");
        fileSpan?.SetTag("lodestar.bytes", buffer.Length).SetTag("lodestar.extension", Path.GetExtension(source).ToLowerInvariant()).SetTag("lodestar.kb", knowledgeBase.Name);
        ParsedDocument parsed;
        try
        {
            parsed = DocumentParsers.Default.Parse(buffer, source);
        }
        catch (DocumentParseException error)
        {
            CountFile(knowledgeBase, "failed", buffer.Length);
            throw LodestarException.Invalid($"cannot read {source}: {error.Message}");
        }

        acl = await _access.EffectiveAsync(knowledgeBase, knowledgeBase.DocumentIdFor(UploadOrigin, source), acl, cancellationToken).ConfigureAwait(false);
        var documentId = await _writer.WriteAsync(knowledgeBase, UploadOrigin, source, parsed, hash, buffer.Length, acl, chunking: true, cancellationToken).ConfigureAwait(false);
        CountFile(knowledgeBase, "uploaded", buffer.Length);
        await CatchUpIndexesAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        await _audit.AppendAsync(new AuditEvent(knowledgeBase.TenantId, actor.UserId, "knowledge.upload", knowledgeBase.ToString(), new Dictionary<string, string> { ["source"] = source, ["documentId"] = documentId }), cancellationToken).ConfigureAwait(false);
        return new UploadResult(documentId, source);
    }

    /// <summary>
    /// Brings the indexes up to date now, so the caller can search at once. When another process (a running
    /// server) owns the index files, the store is already complete and that process replays the change log itself.
    /// </summary>
    private async Task CatchUpIndexesAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken)
    {
        try
        {
            await _indexes.GetCurrentAsync(knowledgeBase, cancellationToken).ConfigureAwait(false);
        }
        catch (LodestarException error) when (error.Kind == ErrorKind.Conflict)
        {
            // Nothing lost: the documents are committed in the store.
        }
    }

    /// <summary>How far the indexes have caught up and which embedding model built the vectors; answers without waiting for a running catch-up.</summary>
    public Task<KnowledgeBaseStatus> StatusAsync(KnowledgeBaseId knowledgeBase, CancellationToken cancellationToken = default) =>
        _indexes.StatusAsync(knowledgeBase, cancellationToken);

    /// <summary>The origin of documents uploaded over HTTP.</summary>
    public const string UploadOrigin = "upload";

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
