using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Lodestar.Core;

namespace Lodestar.Knowledge.Vectors;

/// <summary>
/// The float section of a committed generation file, read through a read-only memory map: the OS pages vectors in on
/// demand and may drop them again under memory pressure (clean file pages), so they cost no heap. Generation files are
/// immutable (a commit writes a new file), so the mapped bytes never change underneath a reader.
/// </summary>
internal sealed unsafe partial class MappedVectors : IDisposable
{
    private const int MadviseRandom = 1;
    private const int FadviseDontNeed = 4;
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly float* _vectors;
    private readonly int _dimensions;
    private bool _disposed;

    private MappedVectors(MemoryMappedFile file, MemoryMappedViewAccessor view, long offset, int count, int dimensions, bool sparse)
    {
        _file = file;
        _view = view;
        _dimensions = dimensions;
        Count = count;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _vectors = (float*)(pointer + view.PointerOffset + offset);
        if (sparse && OperatingSystem.IsLinux())
        {
            // Re-scoring reads a few random vectors per query; read-ahead would page in (and count as resident)
            // neighbours nobody asked for. Advice only: failure changes speed, not results.
            _ = Madvise(pointer, (nuint)view.SafeMemoryMappedViewHandle.ByteLength, MadviseRandom);
        }
    }

    public int Count { get; }

    /// <summary>
    /// Maps <paramref name="count"/> vectors of <paramref name="dimensions"/> floats starting at byte <paramref name="offset"/>
    /// of <paramref name="path"/>. <paramref name="sparse"/>: only a few vectors per query will be read (int8 re-scoring),
    /// so keep resident only those; otherwise (a full-precision walk reads most of them) leave caching to the kernel.
    /// </summary>
    public static MappedVectors Open(string path, long offset, int count, int dimensions, bool sparse)
    {
        var length = new FileInfo(path).Length;
        if (offset < 0 || offset % sizeof(float) != 0 || offset + ((long)count * dimensions * sizeof(float)) > length)
        {
            throw LodestarException.Invalid($"Vector index file '{path}' is corrupt: its vector section does not fit in the file.");
        }

        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        MemoryMappedFile file;
        try
        {
            if (sparse && OperatingSystem.IsLinux())
            {
                // The commit or open just read or wrote the whole file, so all of it sits in the page cache, and a page
                // fault maps cached neighbours too (fault-around): re-scoring a few vectors would make most of the
                // section resident. Dropping the (clean) cached section keeps resident memory to the vectors read.
                _ = Fadvise(handle, offset, (long)count * dimensions * sizeof(float), FadviseDontNeed);
            }

            file = MemoryMappedFile.CreateFromFile(handle, mapName: null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        try
        {
            var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            try
            {
                return new MappedVectors(file, view, offset, count, dimensions, sparse);
            }
            catch
            {
                view.Dispose();
                throw;
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public ReadOnlySpan<float> Get(int id) => new(_vectors + ((long)id * _dimensions), _dimensions);

    /// <summary>Every mapped vector, id-major; what the next commit copies into its new file.</summary>
    public ReadOnlySpan<float> All => new(_vectors, checked(Count * _dimensions));

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int Fadvise(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, long length, int advice);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}
