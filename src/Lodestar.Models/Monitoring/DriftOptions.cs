namespace Lodestar.Models.Monitoring;

/// <summary>How to test drift. Defaults reproduce Evidently's data drift preset.</summary>
public sealed record DriftOptions
{
    /// <summary>One method for every column; null = choose per column by type and reference size.</summary>
    public DriftMethod? Method { get; init; }

    /// <summary>Per-column methods; they win over <see cref="Method"/>.</summary>
    public IReadOnlyDictionary<string, DriftMethod> ColumnMethods { get; init; } = new Dictionary<string, DriftMethod>();

    /// <summary>Null = the method's default (0.05 for p-value tests, 0.1 for distances).</summary>
    public double? Threshold { get; init; }

    /// <summary>Equal-width bins for numeric columns in JS, PSI and KL (Evidently: 30).</summary>
    public int Bins { get; init; } = 30;

    /// <summary>The dataset drifts when at least this share of columns drift.</summary>
    public double DatasetDriftShare { get; init; } = 0.5;

    /// <summary>References with more rows than this use distances instead of p-value tests.</summary>
    public int LargeReferenceRows { get; init; } = 1000;
}
