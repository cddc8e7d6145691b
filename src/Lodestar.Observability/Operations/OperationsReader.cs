using Lodestar.Observability.Answers;
using Lodestar.Observability.Requests;

namespace Lodestar.Observability.Operations;

/// <summary>Buckets the request log and the answer records of a window into the operations series.</summary>
internal sealed class OperationsReader(IRequestLog requests, IAnswerRecordStore answers) : IOperationsReader
{
    public async Task<OperationsSeries> ReadAsync(OperationsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var requestSamples = await requests.ReadAsync(query.From, query.To, query.TenantId, cancellationToken).ConfigureAwait(false);
        var answerSamples = await answers.ReadSamplesAsync(query.From, query.To, query.TenantId, cancellationToken).ConfigureAwait(false);

        var count = query.BucketCount;
        var latencies = new List<(double Value, double Weight)>[count];
        var requestCounts = new double[count];
        var errors = new double[count];
        foreach (var sample in requestSamples)
        {
            var i = IndexOf(query, sample.At);
            (latencies[i] ??= []).Add((sample.DurationMs, sample.Weight));
            requestCounts[i] += sample.Weight;
            if (sample.Status >= 500)
            {
                errors[i] += sample.Weight;
            }
        }

        var perBucket = new AnswerTotals[count];
        var perTenant = new Dictionary<string, AnswerTotals>(StringComparer.Ordinal);
        foreach (var sample in answerSamples)
        {
            var i = IndexOf(query, sample.At);
            (perBucket[i] ??= new AnswerTotals()).Add(sample);
            if (!perTenant.TryGetValue(sample.TenantId, out var tenant))
            {
                perTenant[sample.TenantId] = tenant = new AnswerTotals();
            }

            tenant.Add(sample);
        }

        var buckets = new List<OperationsBucket>(count);
        for (var i = 0; i < count; i++)
        {
            var (p50, p95, p99) = latencies[i] is { } list ? Percentiles.Of(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)) : (0, 0, 0);
            var totals = perBucket[i];
            buckets.Add(new OperationsBucket(
                query.From + (query.Bucket * i), (long)Math.Round(requestCounts[i]), (long)Math.Round(errors[i]), p50, p95, p99,
                totals?.Answers ?? 0, totals?.InputTokens ?? 0, totals?.OutputTokens ?? 0, totals?.Cost ?? 0m,
                totals?.GroundednessMean, totals?.EmptyRate));
        }

        var costs = perTenant.Select(pair => new TenantCost(pair.Key, pair.Value.Answers, pair.Value.InputTokens, pair.Value.OutputTokens, pair.Value.Cost))
            .OrderByDescending(cost => cost.Cost).ThenBy(cost => cost.TenantId, StringComparer.Ordinal).ToList();
        return new OperationsSeries(query, buckets, costs);
    }

    private static int IndexOf(OperationsQuery query, DateTimeOffset at) =>
        Math.Clamp((int)((at - query.From).Ticks / query.Bucket.Ticks), 0, query.BucketCount - 1);

    private sealed class AnswerTotals
    {
        private double _groundedness;
        private long _empty;

        public long Answers { get; private set; }

        public long InputTokens { get; private set; }

        public long OutputTokens { get; private set; }

        public decimal Cost { get; private set; }

        public double? GroundednessMean => Answers == 0 ? null : _groundedness / Answers;

        public double? EmptyRate => Answers == 0 ? null : _empty / (double)Answers;

        public void Add(AnswerSample sample)
        {
            Answers++;
            InputTokens += sample.InputTokens;
            OutputTokens += sample.OutputTokens;
            Cost += sample.Cost;
            _groundedness += sample.Groundedness;
            _empty += sample.Answered ? 0 : 1;
        }
    }
}
