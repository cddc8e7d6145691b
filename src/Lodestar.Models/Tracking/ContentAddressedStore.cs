using System.Security.Cryptography;
using Lodestar.Core;

namespace Lodestar.Models.Tracking;

/// <summary>
/// Files named by the SHA-256 of their bytes under <c>{root}/blobs/</c>: run artifacts and the reference datasets of
/// registered versions. Identical content is stored once; a write lands complete (temp + fsync + rename) or not at all.
/// Also the node-local cache of the PostgreSQL content store.
/// </summary>
public sealed class ContentAddressedStore(string root) : IContentStore
{
    private readonly string _directory = Path.Combine(root, "blobs");

    /// <summary>Stores <paramref name="content"/> and returns its SHA-256 (lower-case hex) and length.</summary>
    public async Task<(string Sha256, long Length)> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(_directory);
        var temporary = Path.Combine(_directory, $"incoming-{Guid.NewGuid():N}.tmp");
        try
        {
            string sha256;
            long length;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
                length = file.Length;
            }

            var path = PathOf(sha256);
            if (!File.Exists(path))
            {
                File.Move(temporary, path, overwrite: true);
            }

            return (sha256, length);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public Task<bool> ContainsAsync(string sha256, CancellationToken cancellationToken = default) => Task.FromResult(Contains(sha256));

    public Task<string> LocateAsync(string sha256, CancellationToken cancellationToken = default) => Task.FromResult(Locate(sha256));

    public bool Contains(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>The stored file for reading; NotFound when it was never stored (or was removed).</summary>
    public string Locate(string sha256)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? path : throw LodestarException.NotFound($"content {sha256} is not in the artifact store");
    }

    /// <summary>Removes a stored file (a cache dropping a copy that failed verification); false when it was not there.</summary>
    public bool Remove(string sha256)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw LodestarException.Invalid($"'{sha256}' is not a SHA-256 content id");
        }

        return Path.Combine(_directory, $"sha256-{sha256}");
    }
}
