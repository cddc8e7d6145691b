using System.Collections.Concurrent;
using Lodestar.Core.Jobs;

namespace Lodestar.Storage.Tests.Jobs;

/// <summary>What every <see cref="IJobQueue"/> must do; one subclass per backend. Each call to <see cref="CreateQueue"/> stands for another node.</summary>
public abstract class JobQueueContractTests
{
    private const string Type = "test.echo";
    private static readonly string[] Types = [Type];
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    protected abstract IJobQueue CreateQueue();

    [Fact]
    public async Task Enqueue_NewJob_IsQueuedWithoutAttempts()
    {
        var queue = CreateQueue();

        var job = await queue.EnqueueAsync(Type, "acme", "alice", "{\"n\":1}");

        var found = await queue.GetAsync(job.Id);
        Assert.NotNull(found);
        Assert.Equal((Type, "acme", "alice", JobState.Queued, 0, JobDefaults.MaxAttempts), (found.Type, found.TenantId, found.CreatedBy, found.State, found.Attempts, found.MaxAttempts));
        Assert.Null(await queue.GetAsync("job_missing"));
    }

    [Fact]
    public async Task List_FromAnotherNode_ShowsTheTenantsJobsOfOneTypeNewestFirstWithPayloadAndProgress()
    {
        var (first, second) = (CreateQueue(), CreateQueue());
        var older = await first.EnqueueAsync(Type, "acme", "alice", "{\"n\":1}");
        var newer = await first.EnqueueAsync(Type, "acme", "bob", "{\"n\":2}");
        await first.EnqueueAsync("test.other", "acme", "alice", "{}");
        await first.EnqueueAsync(Type, "globex", "alice", "{}");
        var lease = await first.TryLeaseAsync("node-a", Types, Long);
        await first.HeartbeatAsync(lease!, "half way", Long);

        var listed = await second.ListAsync("acme", Type, 10);

        Assert.Equal([(newer.Id, "{\"n\":2}"), (older.Id, "{\"n\":1}")], listed.Select(entry => (entry.Info.Id, entry.Payload)));
        Assert.Equal((JobState.Running, "half way"), (listed[1].Info.State, listed[1].Info.Progress));
        Assert.Single(await second.ListAsync("acme", Type, 1));
        await Assert.ThrowsAsync<Lodestar.Core.LodestarException>(() => second.ListAsync("acme", Type, 0));
    }

    [Fact]
    public async Task TryLease_SecondNode_DoesNotGetALeasedJob()
    {
        var (first, second) = (CreateQueue(), CreateQueue());
        var job = await first.EnqueueAsync(Type, "acme", "alice", "{}");

        var lease = await first.TryLeaseAsync("node-a", Types, Long);
        var none = await second.TryLeaseAsync("node-b", Types, Long);

        Assert.Equal((job.Id, 1, "{}"), (lease!.JobId, lease.Attempt, lease.Payload));
        Assert.Null(none);
        var running = await first.GetAsync(job.Id);
        Assert.Equal((JobState.Running, "node-a"), (running!.State, running.Owner));
    }

    [Fact]
    public async Task TryLease_FourNodesInParallel_EachJobLeasedExactlyOnce()
    {
        var setup = CreateQueue();
        for (var i = 0; i < 20; i++)
        {
            await setup.EnqueueAsync(Type, "acme", "alice", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var leased = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(node => Task.Run(async () =>
        {
            var queue = CreateQueue();
            while (await queue.TryLeaseAsync("node-" + node, Types, Long) is { } lease)
            {
                leased.Add(lease.JobId);
            }
        })));

        Assert.Equal(20, leased.Count);
        Assert.Equal(20, leased.Distinct().Count());
    }

    [Fact]
    public async Task TryLease_OtherType_IsNotLeased()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync("other.type", "acme", "alice", "{}");

        Assert.Null(await queue.TryLeaseAsync("node-a", Types, Long));
    }

    [Fact]
    public async Task TryLease_NodeDiedTwice_RetriedExactlyOnceThenFailed()
    {
        var queue = CreateQueue();
        var job = await queue.EnqueueAsync(Type, "acme", "alice", "{}");
        var first = await queue.TryLeaseAsync("node-a", Types, Short);
        await Task.Delay(Short * 2);

        var second = await CreateQueue().TryLeaseAsync("node-b", Types, Short);
        var staleCompletion = await queue.CompleteAsync(first!, "late");
        await Task.Delay(Short * 2);
        var third = await CreateQueue().TryLeaseAsync("node-c", Types, Short);

        Assert.Equal((job.Id, 2, "node-b"), (second!.JobId, second.Attempt, second.Owner));
        Assert.False(staleCompletion);
        Assert.Null(third);
        var failed = await queue.GetAsync(job.Id);
        Assert.Equal((JobState.Failed, 2, JobDefaults.AbandonedError), (failed!.State, failed.Attempts, failed.Error));
    }

    [Fact]
    public async Task Heartbeat_LiveNode_KeepsLeaseAndRecordsProgress()
    {
        var queue = CreateQueue();
        var job = await queue.EnqueueAsync(Type, "acme", "alice", "{}");
        var lease = await queue.TryLeaseAsync("node-a", Types, Short);
        for (var i = 0; i < 6; i++)
        {
            await Task.Delay(Short / 3);
            Assert.True(await queue.HeartbeatAsync(lease!, $"step {i}", Short));
        }

        var other = await CreateQueue().TryLeaseAsync("node-b", Types, Short);

        Assert.Null(other);
        Assert.Equal("step 5", (await queue.GetAsync(job.Id))!.Progress);
    }

    [Fact]
    public async Task Complete_HeldLease_SucceedsWithResult()
    {
        var queue = CreateQueue();
        var job = await queue.EnqueueAsync(Type, "acme", "alice", "{}");
        var lease = await queue.TryLeaseAsync("node-a", Types, Long);

        Assert.True(await queue.CompleteAsync(lease!, "{\"ok\":true}"));

        var done = await queue.GetAsync(job.Id);
        Assert.Equal((JobState.Succeeded, "{\"ok\":true}"), (done!.State, done.Result));
        Assert.Null(await queue.TryLeaseAsync("node-a", Types, Long));
    }

    [Fact]
    public async Task Fail_WithRetry_RequeuesUntilAttemptsRunOut()
    {
        var queue = CreateQueue();
        var job = await queue.EnqueueAsync(Type, "acme", "alice", "{}");

        Assert.True(await queue.FailAsync((await queue.TryLeaseAsync("node-a", Types, Long))!, "flaky", retry: true));
        var requeued = (await queue.GetAsync(job.Id))!.State;
        Assert.True(await queue.FailAsync((await queue.TryLeaseAsync("node-a", Types, Long))!, "flaky again", retry: true));

        var failed = await queue.GetAsync(job.Id);
        Assert.Equal(JobState.Queued, requeued);
        Assert.Equal((JobState.Failed, "flaky again", 2), (failed!.State, failed.Error, failed.Attempts));
    }

    [Fact]
    public async Task Fail_WithoutRetry_FailsAtOnce()
    {
        var queue = CreateQueue();
        var job = await queue.EnqueueAsync(Type, "acme", "alice", "{}");

        await queue.FailAsync((await queue.TryLeaseAsync("node-a", Types, Long))!, "no such folder", retry: false);

        Assert.Equal(JobState.Failed, (await queue.GetAsync(job.Id))!.State);
        Assert.Null(await queue.TryLeaseAsync("node-a", Types, Long));
    }
}
