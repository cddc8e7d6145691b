namespace Lodestar.Models.Serving;

/// <summary>Operator settings of model serving and the defaults a new endpoint starts with.</summary>
public sealed class ServingOptions
{
    /// <summary>Lets deploy requests carry <see cref="FaultInjection"/>; off by default so production endpoints cannot be slowed by a request.</summary>
    public bool AllowFaultInjection { get; set; }

    public int DefaultMaxBatchSize { get; set; } = 64;

    /// <summary>How long a batch under load may wait for more rows; an idle endpoint never waits.</summary>
    public int DefaultMaxWaitMs { get; set; } = 1;

    public int DefaultMaxConcurrency { get; set; } = 512;

    public double DefaultLogSampleRate { get; set; } = 0.1;

    public int MaxRowsPerRequest { get; set; } = 10_000;

    /// <summary>How often a serving process checks the store for a deployment changed elsewhere (another node, the CLI).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}
