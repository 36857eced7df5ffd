namespace SweepCluster.Training.Data;

/// <summary>Independent random streams from one seed: (seed, stream) goes through the SplitMix64 finalizer, so
/// neighbouring seeds and streams give unrelated generators, identically in every process.</summary>
internal static class SeedStreams
{
    public static int Derive(long seed, long stream)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
