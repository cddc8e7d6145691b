using System.Collections.Concurrent;
using Lodestar.Core;

namespace Lodestar.Server.Tests.Serving;

/// <summary>An alert sink that keeps what it was given (the real sink belongs to the observability capability).</summary>
internal sealed class RecordingAlertSink : IAlertSink
{
    public ConcurrentQueue<AlertEvent> Alerts { get; } = new();

    public ValueTask RaiseAsync(AlertEvent alert, CancellationToken cancellationToken = default)
    {
        Alerts.Enqueue(alert);
        return ValueTask.CompletedTask;
    }
}
