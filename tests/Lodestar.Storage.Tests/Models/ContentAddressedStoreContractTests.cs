using Lodestar.Models.Tracking;
using Lodestar.Testing;

namespace Lodestar.Storage.Tests.Models;

/// <summary>The embedded backend: files in one data directory.</summary>
public sealed class ContentAddressedStoreContractTests : ContentStoreContractTests, IDisposable
{
    private readonly TemporaryDirectory _root = new();

    protected override IContentStore CreateStore() => new ContentAddressedStore(_root.Path);

    public void Dispose() => _root.Dispose();
}
