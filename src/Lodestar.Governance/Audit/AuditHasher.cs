using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lodestar.Governance.Identity;

namespace Lodestar.Governance.Audit;

/// <summary>
/// The canonical serialisation: a domain tag, then every field as a 4-byte big-endian length and its UTF-8
/// bytes. Length prefixes make field boundaries unambiguous ("ab"+"c" differs from "a"+"bc").
/// </summary>
internal static class AuditHasher
{
    private const string RecordDomain = "lodestar-audit-record-v1";
    private const string CheckpointDomain = "lodestar-audit-checkpoint-v1";

    public static string FormatTimestamp(DateTimeOffset timestamp) => timestamp.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string RecordHash(AuditRecord record)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, RecordDomain);
        Append(hash, record.Sequence.ToString(CultureInfo.InvariantCulture));
        Append(hash, FormatTimestamp(record.Timestamp));
        Append(hash, record.TenantId);
        Append(hash, record.Actor);
        Append(hash, record.Action);
        Append(hash, record.Target);
        Append(hash, record.DetailsJson);
        Append(hash, record.PreviousHash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string CheckpointMac(ReadOnlySpan<byte> key, long sequence, string recordHash, long nextDue, DateTimeOffset createdAt)
    {
        using var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        Append(mac, CheckpointDomain);
        Append(mac, sequence.ToString(CultureInfo.InvariantCulture));
        Append(mac, recordHash);
        Append(mac, nextDue.ToString(CultureInfo.InvariantCulture));
        Append(mac, FormatTimestamp(createdAt));
        return Convert.ToHexStringLower(mac.GetHashAndReset());
    }

    public static bool IsValid(ReadOnlySpan<byte> key, AuditCheckpoint checkpoint)
    {
        var expected = CheckpointMac(key, checkpoint.Sequence, checkpoint.Hash, checkpoint.NextDue, checkpoint.CreatedAt);
        return ConstantTimeText.Matches(expected, checkpoint.Mac);
    }

    private static void Append(IncrementalHash hash, string field)
    {
        var length = Encoding.UTF8.GetByteCount(field);
        var buffer = ArrayPool<byte>.Shared.Rent(length + sizeof(int));
        try
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer, length);
            Encoding.UTF8.GetBytes(field, buffer.AsSpan(sizeof(int)));
            hash.AppendData(buffer, 0, length + sizeof(int));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
