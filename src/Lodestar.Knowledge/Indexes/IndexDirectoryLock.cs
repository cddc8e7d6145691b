namespace Lodestar.Knowledge.Indexes;

/// <summary>
/// An exclusive, cross-process lock on an index directory (the CLI and a running server may share a data
/// directory). .NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/> on Unix.
/// </summary>
internal sealed class IndexDirectoryLock : IDisposable
{
    private readonly FileStream _stream;

    private IndexDirectoryLock(FileStream stream) => _stream = stream;

    public static async Task<IndexDirectoryLock> AcquireAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "write.lock");
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                return new IndexDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
