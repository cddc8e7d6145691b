namespace Lodestar.Governance.Privacy;

/// <summary>The detectors of one entity type with the operator and scopes of its rule.</summary>
internal sealed record CompiledPiiRule(IReadOnlyList<PiiDetector> Detectors, PiiOperator Operator, PiiScope Scopes);
