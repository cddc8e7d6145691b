namespace Lodestar.Models.Encoders;

/// <summary>The rows one input occupies in a packed batch (inputs are concatenated, never padded).</summary>
internal readonly record struct TokenSegment(int Start, int Length);
