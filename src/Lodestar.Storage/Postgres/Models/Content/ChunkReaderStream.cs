using Npgsql;

namespace Lodestar.Storage.Postgres.Models.Content;

/// <summary>Reads the bytea column 0 of every remaining row of <paramref name="reader"/> as one forward-only stream.</summary>
internal sealed class ChunkReaderStream(NpgsqlDataReader reader) : Stream
{
    private Stream? _chunk;
    private bool _done;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!_done)
        {
            if (_chunk is null)
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    _done = true;
                    break;
                }

                _chunk = await reader.GetStreamAsync(0, cancellationToken).ConfigureAwait(false);
            }

            var read = await _chunk.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                return read;
            }

            await _chunk.DisposeAsync().ConfigureAwait(false);
            _chunk = null;
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (!_done)
        {
            if (_chunk is null)
            {
                if (!reader.Read())
                {
                    _done = true;
                    break;
                }

                _chunk = reader.GetStream(0);
            }

            var read = _chunk.Read(buffer, offset, count);
            if (read > 0)
            {
                return read;
            }

            _chunk.Dispose();
            _chunk = null;
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chunk?.Dispose();
        }

        base.Dispose(disposing);
    }
}
