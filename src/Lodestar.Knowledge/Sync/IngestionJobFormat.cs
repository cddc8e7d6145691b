using System.Globalization;
using System.Text.Json;
using Lodestar.Core;
using Lodestar.Knowledge.Documents;

namespace Lodestar.Knowledge.Sync;

/// <summary>
/// The <c>knowledge.ingest</c> durable job's wire format, shared by whoever queues it (HTTP API, console), the handler
/// that runs it, and whoever shows it: the payload, the progress line saved with each heartbeat, and the result.
/// </summary>
public static class IngestionJobFormat
{
    public const string JobType = "knowledge.ingest";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Who asked (with their roles then), which knowledge base, which path (visible to every node).</summary>
    public static string CreatePayload(KnowledgeBaseId knowledgeBase, string path, Principal actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return JsonSerializer.Serialize(new IngestionJobPayload(knowledgeBase.Name, path, actor.UserId, actor.Groups, actor.Roles), Json);
    }

    public static IngestionJobPayload ReadPayload(string payload) =>
        JsonSerializer.Deserialize<IngestionJobPayload>(payload, Json) ?? throw LodestarException.Invalid("the ingestion job has no payload");

    /// <summary>One short line: <c>3/10 files, 2048/90000 bytes: docs/current.md</c>.</summary>
    public static string FormatProgress(IngestProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var line = string.Create(CultureInfo.InvariantCulture, $"{progress.FilesDone}/{progress.FilesTotal} files, {progress.BytesDone}/{progress.BytesTotal} bytes");
        return progress.Current is null ? line : line + ": " + progress.Current;
    }

    /// <summary>The progress in a line <see cref="FormatProgress"/> wrote, or null for none or another format.</summary>
    public static IngestProgress? ParseProgress(string? line)
    {
        var end = line?.IndexOf(" bytes", StringComparison.Ordinal) ?? -1;
        if (end <= 0)
        {
            return null;
        }

        var parts = line![..end].Split([" files, ", "/"], StringSplitOptions.None);
        if (parts.Length != 4
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var filesDone)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var filesTotal)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var bytesDone)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var bytesTotal))
        {
            return null;
        }

        var rest = line[(end + " bytes".Length)..];
        return new IngestProgress(filesDone, filesTotal, bytesDone, bytesTotal, rest.StartsWith(": ", StringComparison.Ordinal) ? rest[2..] : null);
    }

    public static string FormatResult(IngestReport report) => JsonSerializer.Serialize(report, Json);

    public static IngestReport? ReadResult(string? result) =>
        result is null ? null : JsonSerializer.Deserialize<IngestReport>(result, Json);
}
