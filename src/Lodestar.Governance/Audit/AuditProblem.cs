namespace Lodestar.Governance.Audit;

/// <summary>The first bad place in the trail: the record sequence it concerns and a readable explanation.</summary>
public sealed record AuditProblem(long Sequence, AuditProblemKind Kind, string Message);
