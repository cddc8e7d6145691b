using System.Globalization;
using Lodestar.Core;

namespace Lodestar.Server.Cluster;

/// <summary>Timings of the job worker and the change-log follower, from the environment (shared by all nodes, never a node's disk).</summary>
internal sealed record ClusterOptions(string NodeId, TimeSpan JobLease, TimeSpan JobPoll, TimeSpan FollowerPoll)
{
    public static ClusterOptions FromEnvironment() => new(
        $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}",
        Seconds("LODESTAR_JOB_LEASE_SECONDS", 30),
        Seconds("LODESTAR_JOB_POLL_SECONDS", 1),
        Seconds("LODESTAR_FOLLOW_POLL_SECONDS", 5));

    private static TimeSpan Seconds(string variable, double fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromSeconds(fallback);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw LodestarException.Invalid($"{variable} must be a number of seconds between 0 and 3600, not '{text}'");
    }
}
