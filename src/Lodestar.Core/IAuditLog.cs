namespace Lodestar.Core;

/// <summary>Appends security-relevant events to the tamper-evident audit trail.</summary>
public interface IAuditLog
{
    ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}
