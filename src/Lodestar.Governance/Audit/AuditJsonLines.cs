using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Lodestar.Governance.Audit;

/// <summary>The export format: one JSON object per record and line, details embedded as an object.</summary>
internal static class AuditJsonLines
{
    public static async Task<long> WriteAsync(
        IAsyncEnumerable<AuditRecord> records, TextWriter destination, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        long count = 0;
        var buffer = new ArrayBufferWriter<byte>();
        await using var writer = new Utf8JsonWriter(buffer);
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (since is { } from && record.Timestamp < from)
            {
                continue;
            }

            buffer.ResetWrittenCount();
            writer.Reset();
            writer.WriteStartObject();
            writer.WriteNumber("sequence", record.Sequence);
            writer.WriteString("timestamp", AuditHasher.FormatTimestamp(record.Timestamp));
            writer.WriteString("tenant", record.TenantId);
            writer.WriteString("actor", record.Actor);
            writer.WriteString("action", record.Action);
            writer.WriteString("target", record.Target);
            writer.WritePropertyName("details");
            WriteDetails(writer, record);
            writer.WriteString("prevHash", record.PreviousHash);
            writer.WriteString("hash", record.Hash);
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            await destination.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan).AsMemory(), cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    private static void WriteDetails(Utf8JsonWriter writer, AuditRecord record)
    {
        try
        {
            writer.WriteRawValue(record.DetailsJson);
        }
        catch (JsonException error)
        {
            // Only a tampered database holds malformed details; `audit verify` names the record.
            throw new InvalidDataException($"audit record {record.Sequence} has malformed details; run `audit verify`", error);
        }
    }
}
