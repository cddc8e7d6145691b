using System.Security.Cryptography;
using System.Text;
using Lodestar.Core;
using Lodestar.Models.Tracking;
using Lodestar.Testing;

namespace Lodestar.Models.Tests.Tracking;

public sealed class ContentAddressedStoreTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    [Fact]
    public async Task Put_SameBytesTwice_OneBlobNamedBySha256()
    {
        var store = new ContentAddressedStore(_root.Path);
        var bytes = Encoding.UTF8.GetBytes("hello artifacts");

        var first = await store.PutAsync(new MemoryStream(bytes));
        var second = await store.PutAsync(new MemoryStream(bytes));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), first.Sha256);
        Assert.Equal(first, second);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(store.Locate(first.Sha256)));
        Assert.Single(Directory.GetFiles(Path.Combine(_root.Path, "blobs")));
    }

    [Fact]
    public async Task Put_FailingStream_LeavesNoFile()
    {
        var store = new ContentAddressedStore(_root.Path);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync(new FailingStream()));

        Assert.Empty(Directory.GetFiles(Path.Combine(_root.Path, "blobs")));
    }

    [Fact]
    public void Locate_UnknownOrMalformed_Throws()
    {
        var store = new ContentAddressedStore(_root.Path);

        Assert.Equal(ErrorKind.NotFound, Assert.Throws<LodestarException>(() => store.Locate(new string('a', 64))).Kind);
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<LodestarException>(() => store.Locate("../../etc/passwd")).Kind);
    }

    public void Dispose() => _root.Dispose();

    /// <summary>Yields some bytes, then fails like a dropped connection.</summary>
    private sealed class FailingStream : MemoryStream
    {
        private int _reads;

        public FailingStream()
            : base(new byte[1024])
        {
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _reads++ == 0 ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("connection reset");
    }
}
