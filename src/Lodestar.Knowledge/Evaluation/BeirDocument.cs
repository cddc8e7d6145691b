namespace Lodestar.Knowledge.Evaluation;

/// <summary>One corpus entry of a BEIR dataset.</summary>
public sealed record BeirDocument(string Id, string Title, string Text);
