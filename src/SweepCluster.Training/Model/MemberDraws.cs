using static TorchSharp.torch;

namespace SweepCluster.Training.Model;

/// <summary>Random blocks for the members of a pack, one torch call per member: member s draws a block of the given
/// shape from its own generator, exactly as it would in a pack of one, and a member that needs no draw gets zeros
/// without moving its generator. A step draws each kind of noise as one block per member (not one call per layer or
/// parameter), so a pack of S costs S draws a step.</summary>
internal static class MemberDraws
{
    /// <summary>[S, ..shape] standard normal draws (zeros where <paramref name="draws"/> is false).</summary>
    public static Tensor Normal(IReadOnlyList<Generator> generators, bool[] draws, long[] shape, Device device) =>
        Stack(draws.Select((draw, s) => draw ? randn(shape, float32, device, generator: generators[s]) : zeros(shape, float32, device)).ToArray());

    /// <summary>[S, rows, columns] standard normal draws of which member s draws only its last <paramref name="drawn"/>[s]
    /// columns, as one block [rows, drawn[s]] (zeros before them; all zeros, drawing nothing, when it is 0): a member draws
    /// the same numbers in any pack, however many columns its pack-mates need.</summary>
    public static Tensor NormalColumns(IReadOnlyList<Generator> generators, long[] drawn, long rows, long columns, Device device) =>
        Stack(drawn.Select((count, s) => count == columns ? randn([rows, columns], float32, device, generator: generators[s])
            : count == 0 ? zeros([rows, columns], float32, device)
            : cat([zeros([rows, columns - count], float32, device), randn([rows, count], float32, device, generator: generators[s])], 1)).ToArray());

    /// <summary>[S, ..shape] uniform draws on [0, 1) (zeros where <paramref name="draws"/> is false).</summary>
    public static Tensor Uniform(IReadOnlyList<Generator> generators, bool[] draws, long[] shape, Device device) =>
        Stack(draws.Select((draw, s) => draw ? rand(shape, float32, device, generator: generators[s]) : zeros(shape, float32, device)).ToArray());

    // A trial alone takes its block as a view, with no copy.
    private static Tensor Stack(Tensor[] blocks) => blocks.Length == 1 ? blocks[0].unsqueeze(0) : stack(blocks);

    /// <summary>Per-member values as a float32 [S, 1, ...] tensor broadcasting over <paramref name="trailing"/> dimensions.</summary>
    public static Tensor PerMember(IEnumerable<double> values, int trailing, Device device)
    {
        float[] data = values.Select(v => (float)v).ToArray();
        return tensor(data, [data.Length, .. Enumerable.Repeat(1L, trailing)], device: device);
    }
}
