using System.Data.Common;
using Lodestar.Core;
using Lodestar.Core.Jobs;

namespace Lodestar.Storage.Jobs;

/// <summary>The column layout both job tables share, and the checks both queues apply to their input.</summary>
internal static class JobRows
{
    public const string Columns = "id, type, tenant_id, created_by, state, attempts, max_attempts, owner, progress, result, error, created_at, updated_at";

    /// <summary><see cref="Columns"/> and the payload, read by <see cref="ReadEntry"/>.</summary>
    public const string EntryColumns = Columns + ", payload";

    public const string LeaseColumns = "id, type, tenant_id, created_by, payload, attempts";

    /// <summary>Longest progress line kept; handlers report short status lines, not logs.</summary>
    public const int MaxProgressLength = 1000;

    public static JobInfo Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        Enum.Parse<JobState>(reader.GetString(4), ignoreCase: true),
        reader.GetInt32(5),
        reader.GetInt32(6),
        NullableString(reader, 7),
        NullableString(reader, 8),
        NullableString(reader, 9),
        NullableString(reader, 10),
        reader.GetFieldValue<DateTimeOffset>(11),
        reader.GetFieldValue<DateTimeOffset>(12));

    public static JobEntry ReadEntry(DbDataReader reader) => new(Read(reader), reader.GetString(13));

    public static int ValidateLimit(int limit) =>
        limit is > 0 and <= 1000 ? limit : throw LodestarException.Invalid($"a job listing takes 1 to 1000 jobs, not {limit}");

    public static JobLease ReadLease(DbDataReader reader, string owner) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5), owner);

    public static string State(JobState state) => state.ToString().ToLowerInvariant();

    public static void Validate(string type, string tenantId, string createdBy, string payload)
    {
        if (string.IsNullOrWhiteSpace(type) || string.IsNullOrWhiteSpace(tenantId) || string.IsNullOrWhiteSpace(createdBy))
        {
            throw LodestarException.Invalid("a job needs a type, a tenant and the user who created it");
        }

        ArgumentNullException.ThrowIfNull(payload);
    }

    public static string? Clip(string? progress) => progress is { Length: > MaxProgressLength } ? progress[..MaxProgressLength] : progress;

    public static void ValidateLease(TimeSpan leaseDuration)
    {
        if (leaseDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseDuration), leaseDuration, "a lease must last a positive time");
        }
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
