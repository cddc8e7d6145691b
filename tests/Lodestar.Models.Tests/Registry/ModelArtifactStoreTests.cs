using Lodestar.Core;
using Lodestar.Models.Registry;
using Lodestar.Models.Tests.Training;
using Lodestar.Models.Training;
using Lodestar.Testing;

namespace Lodestar.Models.Tests.Registry;

public sealed class ModelArtifactStoreTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    [Theory]
    [InlineData(Algorithm.Gbdt)]
    [InlineData(Algorithm.Logistic)]
    public async Task SaveLoad_RoundTrip_PredictsIdentically(Algorithm algorithm)
    {
        var store = new FileModelArtifactStore(_root.Path);
        var set = TrainingSet.Create(SyntheticData.Dataset(600, 21), "label", algorithm);
        TabularModel model = algorithm == Algorithm.Gbdt ? GradientBoostingTrainer.Train(set, new GradientBoostingOptions { MaxIterations = 15 }) : LinearTrainer.Train(set);

        var sha = await store.SaveAsync(model);
        var loaded = await store.LoadAsync(sha);

        Assert.Equal(model.Predict(set.Features), loaded.Predict(set.Features));
        Assert.Equal(model.Signature.Classes, loaded.Signature.Classes);
        Assert.Equal(sha, await store.SaveAsync(loaded));
    }

    [Fact]
    public async Task Load_TamperedFile_ThrowsChecksumError()
    {
        var store = new FileModelArtifactStore(_root.Path);
        var set = TrainingSet.Create(SyntheticData.Dataset(100, 22), "label", Algorithm.Logistic);
        var sha = await store.SaveAsync(LinearTrainer.Train(set));
        var path = Directory.GetFiles(Path.Combine(_root.Path, "models")).Single();
        await File.AppendAllTextAsync(path, " ");

        var error = await Assert.ThrowsAsync<LodestarException>(() => store.LoadAsync(sha));

        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_UnknownOrMalformedId_Throws()
    {
        var store = new FileModelArtifactStore(_root.Path);

        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<LodestarException>(() => store.LoadAsync(new string('0', 64)))).Kind);
        Assert.Equal(ErrorKind.Invalid, (await Assert.ThrowsAsync<LodestarException>(() => store.LoadAsync("../../etc/passwd"))).Kind);
    }

    public void Dispose() => _root.Dispose();
}
