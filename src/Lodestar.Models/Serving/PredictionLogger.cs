using System.Threading.Channels;

namespace Lodestar.Models.Serving;

/// <summary>
/// Writes sampled predictions off the request path: a bounded queue drained in batches into the store (rows are
/// queued as the JSON the caller sent and turned into column texts here, not on the request). When the store falls
/// behind, new samples are dropped (and counted) rather than slowing predictions down.
/// </summary>
internal sealed class PredictionLogger : IAsyncDisposable
{
    private const int Capacity = 20_000;
    private const int WriteBatch = 500;
    private static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(50);

    private readonly Channel<PredictionSample> _queue = Channel.CreateBounded<PredictionSample>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly IPredictionLogStore _store;
    private readonly Task _loop;
    private long _offered;
    private long _accepted;
    private long _written;

    public PredictionLogger(IPredictionLogStore store)
    {
        _store = store;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Samples offered while the queue was full (or the store failed), and so never logged.</summary>
    public long Dropped => Interlocked.Read(ref _offered) - Interlocked.Read(ref _accepted);

    public void Offer(PredictionSample sample)
    {
        Interlocked.Increment(ref _offered);
        if (_queue.Writer.TryWrite(sample))
        {
            Interlocked.Increment(ref _accepted);
        }
    }

    /// <summary>Waits until every accepted sample is in the store (tests and shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        while (Interlocked.Read(ref _written) < Interlocked.Read(ref _accepted))
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<LoggedPrediction>(WriteBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (_queue.Reader.Count < WriteBatch)
            {
                // Let a batch gather: under load, writing as soon as one sample arrives means a connection, a
                // transaction and a commit for every few rows, which costs more than the rows.
                await Task.Delay(GatherDelay).ConfigureAwait(false);
            }

            batch.Clear();
            while (batch.Count < WriteBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next.ToLogged());
            }

            try
            {
                await _store.AppendAsync(batch).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // A full disk or a locked database loses samples, never predictions: count them as dropped.
                Interlocked.Add(ref _accepted, -batch.Count);
                continue;
            }

            Interlocked.Add(ref _written, batch.Count);
        }
    }
}
