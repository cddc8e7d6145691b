using Lodestar.Models.Tracking;

namespace Lodestar.Storage.Tests.Models;

/// <summary>What every <see cref="IRunArtifactStore"/> must do; one subclass per backend.</summary>
public abstract class RunArtifactStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    protected abstract IRunArtifactStore CreateStore();

    [Fact]
    public async Task RecordAsync_SamePathAgain_ReplacesAndListsByPath()
    {
        var store = CreateStore();
        await store.RecordAsync(new RunArtifact("run1", "plots/roc.png", new string('a', 64), 10, Now));
        await store.RecordAsync(new RunArtifact("run1", "Model.json", new string('b', 64), 20, Now));
        var replaced = new RunArtifact("run1", "plots/roc.png", new string('c', 64), 30, Now.AddMinutes(1));
        await store.RecordAsync(replaced);
        await store.RecordAsync(new RunArtifact("run2", "other.txt", new string('d', 64), 1, Now));

        var listed = await store.ListAsync("run1");

        Assert.Equal(["Model.json", "plots/roc.png"], listed.Select(a => a.Path));
        Assert.Equal(replaced, listed[1]);
        Assert.Empty(await store.ListAsync("run3"));
    }
}
