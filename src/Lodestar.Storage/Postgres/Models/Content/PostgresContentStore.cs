using System.Buffers;
using System.Collections.Concurrent;
using System.Data;
using System.Security.Cryptography;
using Lodestar.Core;
using Lodestar.Models.Tracking;
using static Lodestar.Storage.Postgres.PostgresValues;

namespace Lodestar.Storage.Postgres.Models.Content;

/// <summary>
/// Content-addressed blobs in PostgreSQL (the source of truth, shared by every node) as 1 MiB bytea chunks, with a
/// node-local <see cref="ContentAddressedStore"/> as a cache. A blob row and all its chunks commit in one transaction,
/// so a reader never sees half a blob; bytes fetched from the database, and a cached file the first time this process
/// uses it, are hashed and must match the id they are asked for.
/// </summary>
internal sealed class PostgresContentStore(PostgresDatabase database, ContentAddressedStore cache) : IContentStore
{
    internal const int ChunkBytes = 1 << 20;

    private static readonly PostgresModule Module = new("content",
    [
        """
        CREATE TABLE content_blobs (sha256 TEXT PRIMARY KEY, length BIGINT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE content_chunks (
            sha256 TEXT NOT NULL REFERENCES content_blobs (sha256), n INTEGER NOT NULL, data BYTEA NOT NULL, PRIMARY KEY (sha256, n));
        """,
    ]);

    private readonly ConcurrentDictionary<string, bool> _verified = new(StringComparer.Ordinal);

    public async Task<(string Sha256, long Length)> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        // The cache spools and hashes the upload first: the blob's id must be known before its row is written.
        var (sha256, length) = await cache.PutAsync(content, cancellationToken).ConfigureAwait(false);
        var path = cache.Locate(sha256);
        await database.WriteAsync(Module, async (connection, transaction, token) =>
        {
            // Of two nodes storing the same bytes, the second waits on the key until the first commits, then skips.
            if (await ExecuteAsync(connection, transaction, "INSERT INTO content_blobs (sha256, length, created_at) VALUES (@sha, @length, @at) ON CONFLICT (sha256) DO NOTHING", token,
                    ("sha", sha256), ("length", length), ("at", Time(DateTimeOffset.UtcNow))).ConfigureAwait(false) == 0)
            {
                return false;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
            try
            {
                await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
                for (var n = 0; ; n++)
                {
                    var read = await file.ReadAtLeastAsync(buffer.AsMemory(0, ChunkBytes), ChunkBytes, throwOnEndOfStream: false, token).ConfigureAwait(false);
                    if (read == 0 && n > 0)
                    {
                        break;
                    }

                    await ExecuteAsync(connection, transaction, "INSERT INTO content_chunks (sha256, n, data) VALUES (@sha, @n, @data)", token,
                        ("sha", sha256), ("n", n), ("data", new ReadOnlyMemory<byte>(buffer, 0, read))).ConfigureAwait(false);
                    if (read < ChunkBytes)
                    {
                        break;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        _verified[sha256] = true;
        return (sha256, length);
    }

    public async Task<bool> ContainsAsync(string sha256, CancellationToken cancellationToken = default)
    {
        // A copy this process stored or verified is known to be in the database (blobs are never deleted); the cache also rejects malformed ids.
        if (cache.Contains(sha256) && _verified.ContainsKey(sha256))
        {
            return true;
        }

        return (await database.ReadAsync(Module, (connection, token) =>
            QueryAsync(connection, null, "SELECT 1 FROM content_blobs WHERE sha256 = @sha", r => r.GetInt32(0), token, ("sha", sha256)), cancellationToken).ConfigureAwait(false)).Count == 1;
    }

    public async Task<string> LocateAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (cache.Contains(sha256))
        {
            var path = cache.Locate(sha256);
            if (_verified.ContainsKey(sha256) || await IsIntactAsync(path, sha256, cancellationToken).ConfigureAwait(false))
            {
                _verified[sha256] = true;
                return path;
            }

            // A damaged cached copy is dropped and fetched again from the source of truth.
            cache.Remove(sha256);
        }

        var fetched = await database.ReadAsync(Module, async (connection, token) =>
        {
            var blobs = await QueryAsync(connection, null, "SELECT length FROM content_blobs WHERE sha256 = @sha", r => r.GetInt64(0), token, ("sha", sha256)).ConfigureAwait(false);
            if (blobs.Count == 0)
            {
                throw LodestarException.NotFound($"content {sha256} is not in the artifact store");
            }

            await using var command = Command(connection, null, "SELECT data FROM content_chunks WHERE sha256 = @sha ORDER BY n", ("sha", sha256));
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, token).ConfigureAwait(false);
            await using var chunks = new ChunkReaderStream(reader);
            return (await cache.PutAsync(chunks, token).ConfigureAwait(false)).Sha256;
        }, cancellationToken).ConfigureAwait(false);
        if (fetched != sha256)
        {
            cache.Remove(fetched);
            throw LodestarException.Invalid($"content {sha256} is corrupt in the database (its checksum is {fetched})");
        }

        _verified[sha256] = true;
        return cache.Locate(sha256);
    }

    private static async Task<bool> IsIntactAsync(string path, string sha256, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false)) == sha256;
    }
}
