using System.Diagnostics;
using Lodestar.Knowledge.Vectors;

namespace Lodestar.Knowledge.Tests.Vectors;

public sealed class CrashSafetyTests
{
    [Fact]
    public async Task Open_AfterChildKilledMidCommitRepeatedly_ReturnsLastCommittedState()
    {
        using var temp = new TempDirectory();
        var random = new Random(17);
        long lastReported = 0;
        var killedMidWrite = 0;

        for (var round = 0; round < 10; round++)
        {
            // Even rounds kill as soon as a commit's temp file shows up (inside the write/fsync window, which lasts only a
            // millisecond or two on an idle machine, so no extra delay), odd ones at a random moment.
            var midCommit = round % 2 == 0;
            lastReported = Math.Max(lastReported, await RunChildAndKillAsync(temp.Path, midCommit, TimeSpan.FromMilliseconds(midCommit ? 0 : random.Next(0, 150))));
            killedMidWrite += Directory.GetFiles(temp.Path, "*.tmp").Length;

            using var index = VectorIndex.Open(temp.Path, CrashChild.Options);

            // The child may die between a commit's rename and printing it, so one generation past the last report is committed too.
            Assert.InRange(index.Generation, lastReported, lastReported + 1);
            AssertCommittedState(index);
            lastReported = index.Generation;
        }

        Assert.True(lastReported >= 6, $"child only committed {lastReported} generations");
        Assert.True(killedMidWrite >= 3, $"only {killedMidWrite} kills landed while a commit's temp file was being written");
    }

    /// <summary>
    /// Starts the child, waits for its first commit (and, when <paramref name="atTempFile"/>, for the next commit's temp
    /// file), then <paramref name="delay"/>, and SIGKILLs it; returns the last generation it reported.
    /// </summary>
    private static async Task<long> RunChildAndKillAsync(string directory, bool atTempFile, TimeSpan delay)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var assembly = typeof(CrashSafetyTests).Assembly.Location;
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        start.Environment["DOTNET_STARTUP_HOOKS"] = assembly;
        start.Environment[CrashChild.DirectoryVariable] = directory;

        using var child = Process.Start(start)!;
        long reported = 0;
        var firstCommit = new TaskCompletionSource();
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("committed ", StringComparison.Ordinal))
            {
                Interlocked.Exchange(ref reported, long.Parse(line["committed ".Length..], System.Globalization.CultureInfo.InvariantCulture));
                firstCommit.TrySetResult();
            }
        };
        child.BeginOutputReadLine();
        var errors = child.StandardError.ReadToEndAsync();

        _ = await Task.WhenAny(firstCommit.Task, child.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(firstCommit.Task.IsCompleted, "child never committed: " + (child.HasExited ? await errors : "timeout"));
        var deadline = Stopwatch.StartNew();
        while (atTempFile && Directory.GetFiles(directory, "*.tmp").Length == 0 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.SpinWait(1000);
        }

        Thread.Sleep(delay);
        child.Kill();
        await child.WaitForExitAsync();
        return Interlocked.Read(ref reported);
    }

    private static void AssertCommittedState(VectorIndex index)
    {
        var generation = index.Generation;
        var first = Math.Max(1, generation - CrashChild.LiveDocuments + 1);
        Assert.Equal((int)(generation - first + 1) * CrashChild.ChunksPerGeneration, index.Count);
        for (var g = first; g <= generation; g++)
        {
            var document = CrashChild.DocumentId(g);
            for (var i = 0; i < CrashChild.ChunksPerGeneration; i += 97)
            {
                var hit = Assert.Single(index.Search(CrashChild.Vector(g, i), 1, d => d == document));
                Assert.Equal(CrashChild.ChunkId(g, i), hit.ChunkId);
                Assert.Equal(1f, hit.Score, 1e-4f);
            }
        }

        var deleted = CrashChild.DocumentId(first - 1);
        Assert.Empty(index.Search(CrashChild.Vector(first - 1, 0), 1, d => d == deleted));
    }
}
