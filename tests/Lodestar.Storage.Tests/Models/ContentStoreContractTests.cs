using System.Security.Cryptography;
using Lodestar.Core;
using Lodestar.Models.Data;
using Lodestar.Models.Registry;
using Lodestar.Models.Tracking;
using Lodestar.Models.Training;

namespace Lodestar.Storage.Tests.Models;

/// <summary>What every <see cref="IContentStore"/> must do; one subclass per backend.</summary>
public abstract class ContentStoreContractTests
{
    /// <summary>A store over the backend's one source of truth; for PostgreSQL each call is another node (own pool, own cache).</summary>
    protected abstract IContentStore CreateStore();

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData((1 << 20) * 2 + 12345)]
    public async Task PutAsync_ThenLocate_SameBytesUnderTheirSha256(int length)
    {
        var store = CreateStore();
        var bytes = RandomNumberGenerator.GetBytes(length);

        var (sha256, stored) = await store.PutAsync(new MemoryStream(bytes));
        var path = await store.LocateAsync(sha256);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha256);
        Assert.Equal(length, stored);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.True(await store.ContainsAsync(sha256));
    }

    [Fact]
    public async Task PutAsync_SameContentTwice_OneId()
    {
        var store = CreateStore();
        var bytes = RandomNumberGenerator.GetBytes(1000);

        var first = await store.PutAsync(new MemoryStream(bytes));
        var second = await store.PutAsync(new MemoryStream(bytes));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task LocateAsync_NeverStored_NotFound()
    {
        var store = CreateStore();
        var unknown = Convert.ToHexStringLower(SHA256.HashData("nothing"u8));

        var error = await Assert.ThrowsAsync<LodestarException>(() => store.LocateAsync(unknown));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.False(await store.ContainsAsync(unknown));
    }

    [Fact]
    public async Task LocateAsync_NotASha256_Invalid()
    {
        var store = CreateStore();

        var locate = await Assert.ThrowsAsync<LodestarException>(() => store.LocateAsync("../../etc/passwd"));
        var contains = await Assert.ThrowsAsync<LodestarException>(() => store.ContainsAsync("ABC"));

        Assert.Equal((ErrorKind.Invalid, ErrorKind.Invalid), (locate.Kind, contains.Kind));
    }

    [Fact]
    public async Task ContentModelArtifactStore_SavedModel_LoadsBackEqual()
    {
        var set = SmallSet();
        var model = LinearTrainer.Train(set);
        var artifacts = new ContentModelArtifactStore(CreateStore());

        var sha256 = await artifacts.SaveAsync(model);
        var loaded = await artifacts.LoadAsync(sha256);

        Assert.Equal(model.Predict(set.Features), loaded.Predict(set.Features));
    }

    protected static TrainingSet SmallSet() =>
        TrainingSet.Create(TabularDataset.Read(new StringReader("x,z,y\n0,1,no\n1,0,no\n2,1,no\n3,0,yes\n4,1,yes\n5,0,yes\n")), "y", Algorithm.Logistic);
}
