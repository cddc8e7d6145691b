using Lodestar.Core;

namespace Lodestar.Models.Monitoring;

/// <summary>The printed names of <see cref="DriftMethod"/> and their default thresholds.</summary>
public static class DriftMethods
{
    public static string Name(DriftMethod method) => method switch
    {
        DriftMethod.Ks => "ks",
        DriftMethod.ChiSquare => "chisquare",
        DriftMethod.Wasserstein => "wasserstein",
        DriftMethod.JensenShannon => "jensenshannon",
        DriftMethod.Psi => "psi",
        _ => "kl",
    };

    public static DriftMethod Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "ks" => DriftMethod.Ks,
        "chisquare" or "chi2" => DriftMethod.ChiSquare,
        "wasserstein" => DriftMethod.Wasserstein,
        "jensenshannon" or "js" => DriftMethod.JensenShannon,
        "psi" => DriftMethod.Psi,
        "kl" or "kl_div" => DriftMethod.KullbackLeibler,
        _ => throw LodestarException.Invalid($"unknown drift method '{name}' (ks, chisquare, wasserstein, jensenshannon, psi, kl)"),
    };

    /// <summary>p-value tests drift below their threshold; distances drift at or above theirs.</summary>
    public static bool IsTest(DriftMethod method) => method is DriftMethod.Ks or DriftMethod.ChiSquare;

    public static double DefaultThreshold(DriftMethod method) => IsTest(method) ? 0.05 : 0.1;
}
