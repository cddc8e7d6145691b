using System.Threading.Channels;

namespace Lodestar.Observability.Requests;

/// <summary>
/// Buffers request samples in memory so serving a request never waits on the database; a background loop
/// flushes them to the <see cref="IRequestLog"/> in batches. When the buffer is full the oldest samples are dropped.
/// </summary>
public sealed class RequestRecorder(IRequestLog log)
{
    public const int Capacity = 50_000;
    private const int BatchSize = 1_000;

    private readonly Channel<RequestSample> _pending = Channel.CreateBounded<RequestSample>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public void Record(RequestSample sample) => _pending.Writer.TryWrite(sample);

    /// <summary>Writes everything buffered so far; returns how many samples were written.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        var written = 0;
        var batch = new List<RequestSample>(BatchSize);
        while (true)
        {
            while (batch.Count < BatchSize && _pending.Reader.TryRead(out var sample))
            {
                batch.Add(sample);
            }

            if (batch.Count == 0)
            {
                return written;
            }

            await log.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
            written += batch.Count;
            batch.Clear();
        }
    }
}
