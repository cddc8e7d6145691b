using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Registry;
using Lodestar.Models.Training;

namespace Lodestar.Storage.Tests.Models;

/// <summary>What every <see cref="IModelRegistryStore"/> must do; one subclass per backend.</summary>
public abstract class ModelRegistryStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private static readonly ModelSignature Signature = new(
        [new InputColumn("age", ColumnKind.Numeric), new InputColumn("plan", ColumnKind.Categorical, ["free", "pro"])],
        "churned",
        ModelTask.BinaryClassification,
        ["no", "yes"]);

    protected abstract IModelRegistryStore CreateStore();

    [Fact]
    public async Task CreateVersion_Twice_NumbersFromOne()
    {
        var store = CreateStore();

        var first = await store.CreateVersionAsync(NewVersion("churn"), Now);
        var second = await store.CreateVersionAsync(NewVersion("churn"), Now);
        var other = await store.CreateVersionAsync(NewVersion("fraud"), Now);

        Assert.Equal((1, 2, 1), (first.Version, second.Version, other.Version));
        Assert.Equal(["churn", "fraud"], (await store.ListModelsAsync()).Select(m => m.Name));
    }

    [Fact]
    public async Task GetVersion_RoundTripsSignatureAndMetrics()
    {
        var store = CreateStore();
        await store.CreateVersionAsync(NewVersion("churn"), Now);

        var version = await store.GetVersionAsync("churn", 1);

        Assert.NotNull(version);
        Assert.Equal(Signature.Inputs, version.Signature.Inputs, (a, b) => a.Name == b.Name && a.Kind == b.Kind && (a.Levels ?? []).SequenceEqual(b.Levels ?? []));
        Assert.Equal(Signature.Classes, version.Signature.Classes);
        Assert.Equal(0.91, version.Metrics["auc"]);
        Assert.Equal(Now, version.CreatedAt);
        Assert.Null(await store.GetVersionAsync("churn", 2));
    }

    [Fact]
    public async Task GetLatestVersion_ThreeVersions_ReturnsHighest()
    {
        var store = CreateStore();
        for (var i = 0; i < 3; i++)
        {
            await store.CreateVersionAsync(NewVersion("churn"), Now);
        }

        Assert.Equal(3, (await store.GetLatestVersionAsync("churn"))!.Version);
        Assert.Equal([1, 2, 3], (await store.ListVersionsAsync("churn")).Select(v => v.Version));
        Assert.Null(await store.GetLatestVersionAsync("nothing"));
    }

    [Fact]
    public async Task SetAlias_ExpectedRowVersion_MovesAndBumpsRowVersion()
    {
        var store = CreateStore();
        await store.CreateVersionAsync(NewVersion("churn"), Now);
        await store.CreateVersionAsync(NewVersion("churn"), Now);

        var created = await store.SetAliasAsync("churn", "champion", 1, expectedRowVersion: 0);
        var moved = await store.SetAliasAsync("churn", "champion", 2, expectedRowVersion: created.RowVersion);

        Assert.Equal((1, 1L), (created.Version, created.RowVersion));
        Assert.Equal((2, 2L), (moved.Version, moved.RowVersion));
        Assert.Equal(2, (await store.ListAliasesAsync("churn")).Single().Version);
    }

    [Fact]
    public async Task SetAlias_StaleRowVersion_ConflictsAndKeepsAlias()
    {
        var store = CreateStore();
        await store.CreateVersionAsync(NewVersion("churn"), Now);
        await store.CreateVersionAsync(NewVersion("churn"), Now);
        await store.SetAliasAsync("churn", "champion", 1, 0);

        var error = await Assert.ThrowsAsync<LodestarException>(() => store.SetAliasAsync("churn", "champion", 2, expectedRowVersion: 0));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal(1, (await store.ListAliasesAsync("churn")).Single().Version);
    }

    [Fact]
    public async Task SetAlias_UnknownVersion_NotFound()
    {
        var store = CreateStore();
        await store.CreateVersionAsync(NewVersion("churn"), Now);

        var error = await Assert.ThrowsAsync<LodestarException>(() => store.SetAliasAsync("churn", "champion", 7, 0));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task CreateVersion_Concurrent_AssignsDistinctNumbers()
    {
        var store = CreateStore();

        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.CreateVersionAsync(NewVersion("churn"), Now))));

        Assert.Equal(Enumerable.Range(1, 8), versions.Select(v => v.Version).Order());
    }

    private static NewModelVersion NewVersion(string name) =>
        new(name, "run", "gbdt", new string('b', 64), Signature, new Dictionary<string, double> { ["auc"] = 0.91 });
}
