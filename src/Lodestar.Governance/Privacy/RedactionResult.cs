namespace Lodestar.Governance.Privacy;

/// <summary>The redacted text and what was found, with offsets into the original text.</summary>
public sealed record RedactionResult(string Text, IReadOnlyList<PiiFinding> Findings);
