namespace Lodestar.Governance.Audit;

/// <summary>
/// A signed statement "record <see cref="Sequence"/> had hash <see cref="Hash"/>; the next checkpoint is due at
/// <see cref="NextDue"/>". <see cref="Mac"/> is HMAC-SHA256 with a key kept outside the database, so rewriting
/// the whole chain in the database still fails at the last checkpoint.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, long NextDue, DateTimeOffset CreatedAt, string Mac);
