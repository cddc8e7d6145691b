using System.Diagnostics;
using System.Threading.Channels;
using Lodestar.Models.Training;

namespace Lodestar.Models.Serving;

/// <summary>
/// Adaptive micro-batching for one loaded model. While no queue has formed and a core is free, a request is scored
/// on the caller's thread (no hop, no wait: on a small box batching only pays when scoring is the bottleneck).
/// Under contention requests queue on a channel and one loop scores them together; when the last batch held several
/// requests, the loop waits up to the max wait for more, up to the max batch size in rows.
/// </summary>
internal sealed class MicroBatcher : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TabularModel _model;
    private readonly int _maxBatchRows;
    private readonly TimeSpan _maxWait;
    private readonly Task _loop;
    private readonly int _inlineLimit;

    /// <summary>
    /// One-row inputs, one per thread, refilled for each one-row request scored inline: the model reads the table and
    /// keeps nothing of it, and a table of fresh one-element columns per request was a fifth of a prediction's allocations.
    /// </summary>
    private readonly ThreadLocal<FeatureTable> _oneRow;
    private int _inlineScoring;
    private int _queued;
    private long _batches;
    private long _rows;

    /// <param name="inlineLimit">How many requests may score on their callers' threads at once (default: one per core); 0 always queues.</param>
    public MicroBatcher(TabularModel model, int maxBatchRows, int maxWaitMs, int? inlineLimit = null)
    {
        _inlineLimit = inlineLimit ?? Environment.ProcessorCount;
        _model = model;
        _maxBatchRows = maxBatchRows;
        _maxWait = TimeSpan.FromMilliseconds(maxWaitMs);
        _oneRow = new ThreadLocal<FeatureTable>(() => DecodedRows.EmptyTable(model.Signature.Inputs, 1));
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Batches scored so far and rows in them: observable evidence that batching happens.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Inline scoring completes synchronously, without a task.</summary>
    public ValueTask<double[]> PredictAsync(DecodedRows rows)
    {
        if (Volatile.Read(ref _queued) == 0)
        {
            if (Interlocked.Increment(ref _inlineScoring) <= _inlineLimit)
            {
                try
                {
                    return new ValueTask<double[]>(ScoreInline(rows));
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    return ValueTask.FromException<double[]>(error);
                }
                finally
                {
                    Interlocked.Decrement(ref _inlineScoring);
                }
            }

            Interlocked.Decrement(ref _inlineScoring);
        }

        var pending = new Pending(rows, new TaskCompletionSource<double[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _queued);
            throw new Core.LodestarException(Core.ErrorKind.Unavailable, "the endpoint is shutting down");
        }

        return new ValueTask<double[]>(pending.Result.Task);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _oneRow.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        var reader = _queue.Reader;
        var lastBatchRequests = 0;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var rows = 0;
            while (rows < _maxBatchRows && reader.TryRead(out var next))
            {
                Take(batch, next, ref rows);
            }

            if (lastBatchRequests > 1 && rows < _maxBatchRows && _maxWait > TimeSpan.Zero)
            {
                rows = await GatherMoreAsync(reader, batch, rows).ConfigureAwait(false);
            }

            lastBatchRequests = batch.Count;
            if (batch.Count > 0)
            {
                Score(batch, rows);
            }
        }
    }

    private async Task<int> GatherMoreAsync(ChannelReader<Pending> reader, List<Pending> batch, int rows)
    {
        // Timing out by racing a delay, not by cancelling the wait: an exception per batch would cost more than the batch.
        var deadline = Stopwatch.GetTimestamp() + (long)(_maxWait.TotalSeconds * Stopwatch.Frequency);
        while (rows < _maxBatchRows)
        {
            if (reader.TryRead(out var next))
            {
                Take(batch, next, ref rows);
                continue;
            }

            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            var arrival = reader.WaitToReadAsync().AsTask();
            if (await Task.WhenAny(arrival, Task.Delay(remaining)).ConfigureAwait(false) != arrival || !await arrival.ConfigureAwait(false))
            {
                break;
            }
        }

        return rows;
    }

    private void Take(List<Pending> batch, Pending next, ref int rows)
    {
        Interlocked.Decrement(ref _queued);
        batch.Add(next);
        rows += next.Rows.RowCount;
    }

    private double[] ScoreInline(DecodedRows rows)
    {
        var predictions = _model.Predict(rows.RowCount == 1 ? rows.FillInto(_oneRow.Value!) : rows.ToFeatureTable(_model.Signature.Inputs));
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _rows, rows.RowCount);
        return predictions;
    }

    private void Score(List<Pending> batch, int rows)
    {
        try
        {
            var width = batch[0].Rows.Width;
            var table = DecodedRows.EmptyTable(_model.Signature.Inputs, rows);
            var columns = table.Columns;
            var offset = 0;
            foreach (var pending in batch)
            {
                var values = pending.Rows.Values;
                for (var r = 0; r < pending.Rows.RowCount; r++)
                {
                    for (var f = 0; f < width; f++)
                    {
                        columns[f][offset + r] = values[(r * width) + f];
                    }
                }

                offset += pending.Rows.RowCount;
            }

            var predictions = _model.Predict(table);
            offset = 0;
            foreach (var pending in batch)
            {
                pending.Result.TrySetResult(predictions.AsSpan(offset, pending.Rows.RowCount).ToArray());
                offset += pending.Rows.RowCount;
            }

            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _rows, rows);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            foreach (var pending in batch)
            {
                pending.Result.TrySetException(error);
            }
        }
    }

    private sealed record Pending(DecodedRows Rows, TaskCompletionSource<double[]> Result);
}
