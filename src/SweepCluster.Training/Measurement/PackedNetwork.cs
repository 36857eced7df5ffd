using SweepCluster.Core.Spec;
using SweepCluster.Training.Model;
using SweepCluster.Training.Running;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Measurement;

/// <summary>The trained members of a pack as one batched network for measurement: layer l of every member is one
/// [S, in, out] weight (its W^T) and one [S, 1, out] bias, so a pass of S members' inputs [S, n, d] costs the torch calls
/// of one network. Evaluation passes: activation and input noise, no dropout. Every noise draw is made member by member
/// from the generator the member names, in the shapes it would draw alone, so a member's numbers do not depend on its
/// pack-mates (a trial alone is a pack of one and runs this same code).</summary>
internal sealed class PackedNetwork : IDisposable
{
    private readonly List<(Tensor Weight, Tensor Bias)> _layers;
    private readonly ActivationKind _activation;
    private readonly NoisyMlpShape[] _shapes;

    public PackedNetwork(IReadOnlyList<NoisyMlp> members)
    {
        _shapes = members.Select(m => m.Shape).ToArray();
        _activation = _shapes[0].Activation;
        Noise = members.Select(m => m.Noise).ToList();
        using var noGrad = no_grad();
        _layers = Enumerable.Range(0, members[0].Layers.Count)
            .Select(l => (stack(members.Select(m => m.Layers[l].weight!.detach().t()).ToArray()),
                          stack(members.Select(m => m.Layers[l].bias!.detach().unsqueeze(0)).ToArray())))
            .ToList();
    }

    private PackedNetwork(List<(Tensor, Tensor)> layers, ActivationKind activation, NoisyMlpShape[] shapes, IReadOnlyList<Generator> noise)
    {
        (_layers, _activation, _shapes, Noise) = (layers, activation, shapes, noise);
    }

    /// <summary>S, the number of members.</summary>
    public int Size => _shapes.Length;

    public int Depth => _layers.Count - 1;

    /// <summary>Each member's own noise generator (the one its model trained with), in member order.</summary>
    public IReadOnlyList<Generator> Noise { get; }

    /// <summary>The members at <paramref name="indices"/> as a network of their own (the weights are copied).</summary>
    public PackedNetwork Select(IReadOnlyList<int> indices)
    {
        using Tensor index = tensor(indices.Select(i => (long)i).ToArray(), device: _layers[0].Weight.device);
        var layers = _layers.Select(l => (l.Weight.index_select(0, index), l.Bias.index_select(0, index))).ToList();
        return new PackedNetwork(layers, _activation, indices.Select(i => _shapes[i]).ToArray(), indices.Select(i => Noise[i]).ToList());
    }

    /// <summary>The logits [S, b, C] of inputs [S, b, d] under fresh noise. A member with noise draws it as one block
    /// [b, d' + L w'] from its own generator (d' = d with input noise, else 0; w' = w with activation noise, else 0),
    /// the way packed training draws its steps' noise.</summary>
    public Tensor Logits(Tensor input)
    {
        long batch = input.shape[1], dimension = input.shape[2], width = _layers[0].Weight.shape[2];
        // The noise goes straight into one [S, b, d] input block and one layer-major [L, S, b, w] block, so each layer's
        // noise is a contiguous [S, b, w] and no member's draw is copied more than once.
        bool anyInputNoise = _shapes.Any(shape => shape.InputNoise > 0);
        Tensor? inputNoise = anyInputNoise ? empty([Size, batch, dimension], float32, input.device) : null;
        Tensor layerNoise = empty([Depth, Size, batch, width], float32, input.device);
        for (int s = 0; s < Size; s++) DrawMemberNoise(s, inputNoise, layerNoise);
        Tensor x = inputNoise is null ? input : input.Plus(inputNoise);
        for (int l = 0; l < Depth; l++)
            x = ActivateInPlace(Affine(l, x)).PlusInPlace(layerNoise[l]);
        return Affine(Depth, x);
    }

    /// <summary>Member s's noise for one pass, scaled, into its slices of the input and layer blocks (zeros where it has
    /// no such noise).</summary>
    private void DrawMemberNoise(int s, Tensor? inputNoise, Tensor layerNoise)
    {
        var shape = _shapes[s];
        long batch = layerNoise.shape[2], width = layerNoise.shape[3], dimension = inputNoise?.shape[2] ?? 0;
        bool hasInputNoise = shape.InputNoise > 0, hasActivationNoise = shape.ActivationNoise > 0;
        long drawn = (hasInputNoise ? dimension : 0) + (hasActivationNoise ? Depth * width : 0);
        using Tensor layers = layerNoise.select(1, s);                   // [L, b, w]
        using Tensor? input = inputNoise?.select(0, s);                  // [b, d]
        using Tensor block = drawn > 0 ? randn([batch, drawn], float32, layerNoise.device, generator: Noise[s]) : empty(0);
        using Scalar inputScale = shape.InputNoise.ToScalar(), activationScale = shape.ActivationNoise.ToScalar();
        if (input is not null)
        {
            if (hasInputNoise) input.copy_(block.narrow(1, 0, dimension)).mul_(inputScale);
            else input.zero_();
        }
        if (hasActivationNoise)
            layers.copy_(block.narrow(1, drawn - Depth * width, Depth * width).view(batch, Depth, width).permute(1, 0, 2)).mul_(activationScale);
        else layers.zero_();
    }

    /// <summary>Every member's pre-noise activations h_l of every hidden layer for <paramref name="paths"/> noisy passes of
    /// its inputs [S, n, d], as [S, paths * n, w] per layer, path-major within a member (row p * n + i is input i on path
    /// p): member s's draws come from <paramref name="generators"/>[s], one call per noise and layer. Coupled paths share their noise across inputs (path p adds the same
    /// draw to every input: common random numbers).</summary>
    public IReadOnlyList<Tensor> PathActivations(Tensor inputs, int paths, bool coupled, IReadOnlyList<Generator> generators)
    {
        long n = inputs.shape[1];
        Tensor x = inputs.repeat(1, paths, 1);
        x = AddPathNoise(x, shape => shape.InputNoise);
        var activations = new List<Tensor>(Depth);
        for (int l = 0; l < Depth; l++)
        {
            Tensor h = Activate(Affine(l, x));
            activations.Add(h);
            x = AddPathNoise(h, shape => shape.ActivationNoise);
        }
        return activations;

        Tensor AddPathNoise(Tensor like, Func<NoisyMlpShape, double> std)
        {
            double[] scales = _shapes.Select(std).ToArray();
            if (scales.All(scale => scale <= 0)) return like;
            long width = like.shape[2];
            bool[] draws = scales.Select(scale => scale > 0).ToArray();
            // contiguous(): with one path the reshape of the expanded draws is a view whose rows share memory, which an
            // in-place product refuses (with more paths it is already a copy).
            Tensor z = coupled
                ? MemberDraws.Normal(generators, draws, [paths, 1, width], like.device).expand(-1, -1, n, -1).reshape(Size, paths * n, width).contiguous()
                : MemberDraws.Normal(generators, draws, [paths * n, width], like.device);
            return like.Plus(z.mul_(MemberDraws.PerMember(scales, 2, like.device)));
        }
    }

    private Tensor Affine(int l, Tensor x) => bmm(x, _layers[l].Weight).Plus(_layers[l].Bias);

    private Tensor Activate(Tensor z) => _activation == ActivationKind.Relu ? nn.functional.relu(z) : z.tanh();

    private Tensor ActivateInPlace(Tensor z) => _activation == ActivationKind.Relu ? z.relu_() : z.tanh_();

    public void Dispose()
    {
        foreach (var (weight, bias) in _layers)
        {
            weight.Dispose();
            bias.Dispose();
        }
    }
}
