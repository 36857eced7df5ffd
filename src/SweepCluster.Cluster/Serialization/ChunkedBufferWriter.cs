using System.Buffers;

namespace SweepCluster.Cluster.Serialization;

/// <summary>An <see cref="IBufferWriter{T}"/> that writes into pooled chunks below the large-object threshold, then
/// copies them once into an array of the exact size. JsonSerializer.SerializeToUtf8Bytes grows one buffer by doubling
/// and copies it out: for a 9.2 MB snapshot about 30 MB of large-object-heap arrays, garbage until a full
/// collection. Here only the final array (which Akka's serializer API requires) is large, and the chunks come back to
/// a pool of this writer's own (ArrayPool.Shared keeps a few arrays per core, so a large payload would allocate most
/// of its chunks afresh each time).</summary>
internal sealed class ChunkedBufferWriter : IBufferWriter<byte>, IDisposable
{
    /// <summary>Under the 85,000-byte large-object threshold, and a size ArrayPool.Shared keeps per thread.</summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>Up to 32 MB of chunks, kept once used: a 100,000-trial snapshot takes about 150.</summary>
    private static readonly ArrayPool<byte> Chunks = ArrayPool<byte>.Create(ChunkSize, maxArraysPerBucket: 512);

    private readonly List<(byte[] Array, int Used)> _full = [];
    private byte[] _current = Chunks.Rent(ChunkSize);
    private int _used;
    private long _fullBytes;

    public long Length => _fullBytes + _used;

    public void Advance(int count)
    {
        if (count < 0 || _used + count > _current.Length) throw new ArgumentOutOfRangeException(nameof(count));
        _used += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        int at = Reserve(sizeHint); // before reading _current, which it may replace
        return _current.AsMemory(at);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        int at = Reserve(sizeHint);
        return _current.AsSpan(at);
    }

    /// <summary>Starts a new chunk when the current one lacks <paramref name="sizeHint"/> bytes (a single value larger
    /// than a chunk gets a chunk of its own size); returns where writing resumes.</summary>
    private int Reserve(int sizeHint)
    {
        int wanted = Math.Max(sizeHint, 1);
        if (_current.Length - _used >= wanted) return _used;
        _full.Add((_current, _used));
        _fullBytes += _used;
        _current = wanted <= ChunkSize ? Chunks.Rent(ChunkSize) : new byte[wanted];
        _used = 0;
        return 0;
    }

    /// <summary>Everything written, as one array of its exact length.</summary>
    public byte[] ToArray()
    {
        var result = GC.AllocateUninitializedArray<byte>(checked((int)Length));
        int at = 0;
        foreach (var (array, used) in _full)
        {
            array.AsSpan(0, used).CopyTo(result.AsSpan(at));
            at += used;
        }
        _current.AsSpan(0, _used).CopyTo(result.AsSpan(at));
        return result;
    }

    public void Dispose()
    {
        foreach (var (array, _) in _full) Recycle(array);
        _full.Clear();
        Recycle(_current);
        _current = [];
        _used = 0;
        _fullBytes = 0;
    }

    /// <summary>Pooled chunks go back; an oversized one (a single value larger than a chunk) is left to the GC.</summary>
    private static void Recycle(byte[] array)
    {
        if (array.Length == ChunkSize) Chunks.Return(array);
    }
}
