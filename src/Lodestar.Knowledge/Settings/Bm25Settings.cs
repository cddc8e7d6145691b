namespace Lodestar.Knowledge.Settings;

/// <summary>BM25 term-frequency saturation (<paramref name="K1"/>, 0–10) and length normalisation (<paramref name="B"/>, 0–1).</summary>
public sealed record Bm25Settings(float K1, float B);
