namespace Lodestar.Governance.Privacy;

/// <summary>A finding before overlaps are resolved.</summary>
internal readonly record struct PiiCandidate(PiiFinding Finding, int Specificity);
