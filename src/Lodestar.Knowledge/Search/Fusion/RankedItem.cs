namespace Lodestar.Knowledge.Search.Fusion;

/// <summary>One entry of a ranking; higher <paramref name="Score"/> ranks first.</summary>
public sealed record RankedItem(string Key, double Score);
