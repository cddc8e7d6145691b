namespace Lodestar.Server.Jobs;

/// <summary>Keeps only the newest progress line; the heartbeat saves it, so reporting costs the handler nothing.</summary>
internal sealed class LatestProgress : IProgress<string>
{
    private string? _latest;

    public string? Latest => Volatile.Read(ref _latest);

    public void Report(string value) => Volatile.Write(ref _latest, value);
}
