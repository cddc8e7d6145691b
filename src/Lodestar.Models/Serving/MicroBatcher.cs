using System.Threading.Channels;
using Lodestar.Models.Training;

namespace Lodestar.Models.Serving;

/// <summary>
/// Adaptive micro-batching for one loaded model: requests queue on a channel and one loop scores them together.
/// An idle endpoint scores a request at once; when the last batch held several requests (load), the loop waits up
/// to the max wait for more, up to the max batch size in rows.
/// </summary>
internal sealed class MicroBatcher : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TabularModel _model;
    private readonly int _maxBatchRows;
    private readonly TimeSpan _maxWait;
    private readonly Task _loop;

    public MicroBatcher(TabularModel model, int maxBatchRows, int maxWaitMs)
    {
        _model = model;
        _maxBatchRows = maxBatchRows;
        _maxWait = TimeSpan.FromMilliseconds(maxWaitMs);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Batches scored so far and rows in them: observable evidence that batching happens.</summary>
    public long Batches { get; private set; }

    public long Rows { get; private set; }

    public Task<double[]> PredictAsync(DecodedRows rows)
    {
        var pending = new Pending(rows, new TaskCompletionSource<double[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new Core.LodestarException(Core.ErrorKind.Unavailable, "the endpoint is shutting down");
        }

        return pending.Result.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
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
                batch.Add(next);
                rows += next.Rows.RowCount;
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
        using var timeout = new CancellationTokenSource(_maxWait);
        try
        {
            while (rows < _maxBatchRows && await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
            {
                while (rows < _maxBatchRows && reader.TryRead(out var next))
                {
                    batch.Add(next);
                    rows += next.Rows.RowCount;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // The wait is over: score what arrived.
        }

        return rows;
    }

    private void Score(List<Pending> batch, int rows)
    {
        try
        {
            var width = batch[0].Rows.Width;
            var columns = new double[width][];
            for (var f = 0; f < width; f++)
            {
                columns[f] = new double[rows];
            }

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

            var predictions = _model.Predict(new FeatureTable(_model.Signature.Inputs, columns, rows));
            offset = 0;
            foreach (var pending in batch)
            {
                pending.Result.TrySetResult(predictions.AsSpan(offset, pending.Rows.RowCount).ToArray());
                offset += pending.Rows.RowCount;
            }

            Batches++;
            Rows += rows;
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
