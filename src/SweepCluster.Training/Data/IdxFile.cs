using System.IO.Compression;
using SweepCluster.Core;

namespace SweepCluster.Training.Data;

/// <summary>Reads one IDX file (the MNIST format), raw or gzip-compressed: unsigned-byte images or labels.</summary>
internal static class IdxFile
{
    /// <summary>Images as rows of floats in [0, 1], and the pixels per image.</summary>
    public static (float[] Pixels, int Count, int PixelsPerImage) ReadImages(string path)
    {
        var (dims, data) = Read(path, expectedRank: 3);
        int pixels = dims[1] * dims[2];
        var result = new float[data.Length];
        for (int i = 0; i < data.Length; i++) result[i] = data[i] / 255f;
        return (result, dims[0], pixels);
    }

    public static int[] ReadLabels(string path)
    {
        var (_, data) = Read(path, expectedRank: 1);
        return data.Select(b => (int)b).ToArray();
    }

    private static (int[] Dims, byte[] Data) Read(string path, int expectedRank)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        using var buffered = new BufferedStream(stream, 1 << 16);
        try
        {
            Span<byte> header = stackalloc byte[4];
            buffered.ReadExactly(header);
            if (header[0] != 0 || header[1] != 0 || header[2] != 0x08)
                throw Malformed(path, "its magic number is not that of an unsigned-byte IDX file");
            int rank = header[3];
            if (rank != expectedRank)
                throw Malformed(path, $"it has {rank} dimensions where {expectedRank} were expected");
            var dims = new int[rank];
            for (int d = 0; d < rank; d++)
            {
                buffered.ReadExactly(header);
                dims[d] = (header[0] << 24) | (header[1] << 16) | (header[2] << 8) | header[3];
                if (dims[d] <= 0) throw Malformed(path, $"dimension {d} has size {dims[d]}");
            }
            long total = dims.Aggregate(1L, (a, b) => a * b);
            var data = new byte[total];
            buffered.ReadExactly(data);
            return (dims, data);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw Malformed(path, "it ends early or is not valid gzip");
        }
    }

    private static UserInputException Malformed(string path, string why) =>
        new($"IDX file '{path}' is malformed: {why}; replace it with an intact copy.");
}
