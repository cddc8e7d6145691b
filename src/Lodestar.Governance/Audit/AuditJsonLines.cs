using System.Text.Json;

namespace Lodestar.Governance.Audit;

/// <summary>The export format: one JSON object per record and line, details embedded as an object.</summary>
internal static class AuditJsonLines
{
    private static readonly byte[] NewLine = [(byte)'\n'];

    public static async Task<long> WriteAsync(
        IAsyncEnumerable<AuditRecord> records, Stream destination, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        long count = 0;
        await using var writer = new Utf8JsonWriter(destination);
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (since is { } from && record.Timestamp < from)
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteNumber("sequence", record.Sequence);
            writer.WriteString("timestamp", AuditHasher.FormatTimestamp(record.Timestamp));
            writer.WriteString("tenant", record.TenantId);
            writer.WriteString("actor", record.Actor);
            writer.WriteString("action", record.Action);
            writer.WriteString("target", record.Target);
            writer.WritePropertyName("details");
            writer.WriteRawValue(record.DetailsJson);
            writer.WriteString("prevHash", record.PreviousHash);
            writer.WriteString("hash", record.Hash);
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            await destination.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
            writer.Reset();
            count++;
        }

        return count;
    }
}
