using Lodestar.Models.Serving;
using Lodestar.Models.Tests.Training;
using Lodestar.Models.Training;

namespace Lodestar.Models.Tests.Serving;

public sealed class MicroBatcherTests
{
    [Fact]
    public async Task PredictAsync_QueuedConcurrentRequests_MatchDirectScoringAndShareBatches()
    {
        var train = TrainingSet.Create(SyntheticData.Dataset(1500, 11), "label", Algorithm.Gbdt);
        var model = GradientBoostingTrainer.Train(train, new GradientBoostingOptions { MaxIterations = 30 });
        var expected = model.Predict(train.Features);
        var width = train.Features.Columns.Length;
        // No inline scoring: every request takes the queue, as under contention.
        await using var batcher = new MicroBatcher(model, maxBatchRows: 64, maxWaitMs: 5, inlineLimit: 0);

        var requests = Enumerable.Range(0, 400).Select(row =>
        {
            var values = new double[width];
            for (var f = 0; f < width; f++)
            {
                values[f] = train.Features.Columns[f][row];
            }

            return Task.Run(() => batcher.PredictAsync(new DecodedRows(values, 1, width)).AsTask());
        }).ToList();
        var results = await Task.WhenAll(requests);

        for (var row = 0; row < results.Length; row++)
        {
            Assert.Equal(expected[row], results[row][0], 12);
        }

        Assert.Equal(400, batcher.Rows);
        Assert.True(batcher.Batches < 400, $"expected shared batches, got {batcher.Batches} batches for 400 requests");
    }

    [Fact]
    public async Task PredictAsync_IdleBatcher_ScoresOnTheCallersThread()
    {
        var train = TrainingSet.Create(SyntheticData.Dataset(300, 13), "label", Algorithm.Logistic);
        var model = LinearTrainer.Train(train);
        var width = train.Features.Columns.Length;
        var values = new double[width];
        for (var f = 0; f < width; f++)
        {
            values[f] = train.Features.Columns[f][0];
        }

        await using var batcher = new MicroBatcher(model, maxBatchRows: 64, maxWaitMs: 5);
        var task = batcher.PredictAsync(new DecodedRows(values, 1, width));

        Assert.True(task.IsCompletedSuccessfully, "an idle batcher should answer without queueing");
        Assert.Equal(model.Predict(train.Features)[0], (await task)[0], 12);
        Assert.Equal(1, batcher.Batches);
    }

    [Fact]
    public async Task PredictAsync_MultiRowRequest_ReturnsRowsInOrder()
    {
        var train = TrainingSet.Create(SyntheticData.Dataset(500, 12), "label", Algorithm.Logistic);
        var model = LinearTrainer.Train(train);
        var expected = model.Predict(train.Features);
        var width = train.Features.Columns.Length;
        var values = new double[10 * width];
        for (var r = 0; r < 10; r++)
        {
            for (var f = 0; f < width; f++)
            {
                values[(r * width) + f] = train.Features.Columns[f][r];
            }
        }

        await using var batcher = new MicroBatcher(model, maxBatchRows: 4, maxWaitMs: 0, inlineLimit: 0);
        var result = await batcher.PredictAsync(new DecodedRows(values, 10, width));

        Assert.Equal(expected.Take(10), result, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public async Task PredictAsync_OneRowRequestsInARow_EachScoresItsOwnRow()
    {
        var train = TrainingSet.Create(SyntheticData.Dataset(400, 14), "label", Algorithm.Gbdt);
        var model = GradientBoostingTrainer.Train(train, new GradientBoostingOptions { MaxIterations = 20 });
        var expected = model.Predict(train.Features);
        var width = train.Features.Columns.Length;
        await using var batcher = new MicroBatcher(model, maxBatchRows: 64, maxWaitMs: 5);

        for (var row = 0; row < 200; row++)
        {
            var values = new double[width];
            for (var f = 0; f < width; f++)
            {
                values[f] = train.Features.Columns[f][row];
            }

            // Inline scoring reuses one table per thread: a stale value would show up as a wrong score.
            var result = await batcher.PredictAsync(new DecodedRows(values, 1, width));

            Assert.Equal(expected[row], result[0], 12);
        }
    }
}
