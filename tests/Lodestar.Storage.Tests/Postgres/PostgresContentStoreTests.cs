using System.Security.Cryptography;
using Lodestar.Core;
using Lodestar.Models.Tracking;
using Lodestar.Storage.Postgres.Models.Content;
using Lodestar.Storage.Tests.Models;
using Lodestar.Testing;
using Npgsql;

namespace Lodestar.Storage.Tests.Postgres;

/// <summary>The shared backend: the database is the source of truth, each node only caches.</summary>
public sealed class PostgresContentStoreTests : ContentStoreContractTests, IAsyncLifetime
{
    private readonly PostgresTestSchema _schema = new();
    private readonly TemporaryDirectory _nodes = new();

    [Fact]
    public async Task LocateAsync_StoredThroughAnotherNode_FetchedFromTheDatabase()
    {
        var bytes = RandomNumberGenerator.GetBytes(PostgresContentStore.ChunkBytes + 5);
        var (sha256, _) = await CreateStore().PutAsync(new MemoryStream(bytes));

        var path = await CreateStore().LocateAsync(sha256);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task LocateAsync_CachedCopyDamagedBeforeRestart_FetchedAgain()
    {
        var cache = _nodes.Combine("restarting");
        var bytes = RandomNumberGenerator.GetBytes(4000);
        var (sha256, _) = await Node(cache).PutAsync(new MemoryStream(bytes));
        await File.WriteAllBytesAsync(new ContentAddressedStore(cache).Locate(sha256), RandomNumberGenerator.GetBytes(4000));

        var path = await Node(cache).LocateAsync(sha256);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task LocateAsync_ChunkAlteredInTheDatabase_InvalidAndNothingCached()
    {
        var (sha256, _) = await CreateStore().PutAsync(new MemoryStream(RandomNumberGenerator.GetBytes(4000)));
        await ExecuteAsync("UPDATE content_chunks SET data = '\\x00'::bytea || data");
        var reader = _nodes.Combine("reader");

        var error = await Assert.ThrowsAsync<LodestarException>(() => Node(reader).LocateAsync(sha256));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Empty(Directory.Exists(Path.Combine(reader, "blobs")) ? Directory.GetFiles(Path.Combine(reader, "blobs")) : []);
    }

    [Fact]
    public async Task PutAsync_TwoNodesSameContentAtOnce_BothSucceedOneBlob()
    {
        var bytes = RandomNumberGenerator.GetBytes(3 * PostgresContentStore.ChunkBytes / 2);
        var (a, b) = (CreateStore(), CreateStore());

        var ids = await Task.WhenAll(Task.Run(() => a.PutAsync(new MemoryStream(bytes))), Task.Run(() => b.PutAsync(new MemoryStream(bytes))));

        Assert.Equal(ids[0], ids[1]);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM content_blobs"));
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM content_chunks"));
    }

    protected override IContentStore CreateStore() => Node(_nodes.Combine(Guid.NewGuid().ToString("N")));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _schema.DisposeAsync();
        _nodes.Dispose();
    }

    private PostgresContentStore Node(string cacheDirectory) => new(_schema.Open(), new ContentAddressedStore(cacheDirectory));

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_schema.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_schema.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
