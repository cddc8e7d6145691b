namespace Lodestar.Models.Monitoring;

/// <summary>Per-column drift tests, named as the CLI and JSON print them.</summary>
public enum DriftMethod
{
    /// <summary>Two-sample Kolmogorov-Smirnov; drift when p &lt; threshold (0.05).</summary>
    Ks,

    /// <summary>Chi-squared of current counts against reference proportions; drift when p &lt; threshold (0.05).</summary>
    ChiSquare,

    /// <summary>Wasserstein-1 divided by the reference standard deviation; drift when &gt;= threshold (0.1).</summary>
    Wasserstein,

    /// <summary>Jensen-Shannon distance of binned distributions; drift when &gt;= threshold (0.1).</summary>
    JensenShannon,

    /// <summary>Population stability index of binned distributions; drift when &gt;= threshold (0.1).</summary>
    Psi,

    /// <summary>KL divergence KL(reference || current) of binned distributions; drift when &gt;= threshold (0.1).</summary>
    KullbackLeibler,
}
