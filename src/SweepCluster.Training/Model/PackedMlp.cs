using SweepCluster.Core.Spec;
using SweepCluster.Training.Running;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Model;

/// <summary>S <see cref="NoisyMlp"/>s of one architecture trained as one batched network: layer l's weights are one
/// [S, in, out] parameter (each member's W^T, so a layer is a bmm with no transpose) and its biases one [S, 1, out], so a
/// step costs the torch calls of one network, not S. Every parameter is a view into one flat [S, P] tensor (a member's
/// row holds its parameters in order, hidden layers first) and a step's gradients are laid out the same way
/// (<see cref="Flat"/>), so the clip and the update are a few calls over flat tensors whatever the depth. Every member
/// keeps its own noise levels and its own generator; a training step draws member s's noise as one block of its own
/// shape from its own generator, so member s of a pack trains exactly as it does in a pack of one. Built from the
/// members' initialized weights; <see cref="WriteMembers"/> copies the trained weights back for measurement and
/// checkpoints.</summary>
internal sealed class PackedMlp : IDisposable
{
    private readonly IReadOnlyList<NoisyMlp> _members;
    private readonly List<(Parameter Weight, Parameter Bias)> _layers = [];
    private readonly Tensor _values;
    private readonly long _trainedFrom;
    private readonly ActivationKind _activation;
    private readonly long _inputs, _width, _noiseColumns;
    private readonly bool[] _dropping;
    private readonly long[] _noiseDrawn;
    private readonly bool _inputNoise;
    private readonly Tensor? _noiseScale, _keep;

    public PackedMlp(IReadOnlyList<NoisyMlp> members, bool trainHidden)
    {
        _members = members;
        Generators = members.Select(m => m.Noise).ToList();
        NoisyMlpShape shape = members[0].Shape;
        _activation = shape.Activation;
        (_inputs, _width) = (shape.InputDimension, shape.Width);
        Device device = members[0].Layers[0].weight!.device;
        long count = members.Count, total = members[0].Layers.Sum(layer => layer.weight!.numel() + layer.bias!.numel());
        _values = zeros([count, total], float32, device);
        long offset = 0;
        using (no_grad())
            for (int l = 0; l <= shape.Depth; l++)
            {
                bool trained = trainHidden || l == shape.Depth;
                if (l == shape.Depth && !trainHidden) _trainedFrom = offset;
                long rows = members[0].Layers[l].weight!.shape[1], columns = members[0].Layers[l].weight!.shape[0];
                var weight = View(offset, [rows, columns], trained);
                weight.copy_(stack(members.Select(m => m.Layers[l].weight!.t()).ToArray()));
                var bias = View(offset += rows * columns, [1, columns], trained);
                bias.copy_(stack(members.Select(m => m.Layers[l].bias!.unsqueeze(0)).ToArray()));
                offset += columns;
                _layers.Add((weight, bias));
            }
        var shapes = members.Select(m => m.Shape).ToList();
        // One block per step and member: input noise in its first d columns when a member of the pack has some (zeros, not
        // drawn, for a member without), then layer l's activation noise in w columns. A member draws only its own columns.
        _inputNoise = shapes.Any(m => m.InputNoise > 0);
        _noiseColumns = (_inputNoise ? _inputs : 0) + shape.Depth * _width;
        _noiseDrawn = shapes.Select(m => m.InputNoise > 0 ? _noiseColumns : m.ActivationNoise > 0 ? shape.Depth * _width : 0L).ToArray();
        if (_noiseDrawn.Any(count => count > 0))
        {
            Tensor layers = MemberDraws.PerMember(shapes.Select(m => m.ActivationNoise), 2, device).expand(-1, 1, shape.Depth * _width);
            _noiseScale = _inputNoise
                ? cat([MemberDraws.PerMember(shapes.Select(m => m.InputNoise), 2, device).expand(-1, 1, _inputs), layers], 2)
                : layers.contiguous();
        }
        _dropping = shapes.Select(m => m.Dropout > 0).ToArray();
        if (_dropping.Any(dropping => dropping)) _keep = MemberDraws.PerMember(shapes.Select(m => 1.0 - m.Dropout), 2, device);
        TrainedValues = _values.narrow(1, _trainedFrom, total - _trainedFrom);
        TrainedParameters = _layers.Skip(trainHidden ? 0 : shape.Depth).SelectMany(l => new[] { l.Weight, l.Bias }).ToList();

        // A parameter [S, ..shape] over the flat values from this offset. Gradients are not views of a flat tensor too:
        // autograd accumulates into a strided .grad only with a layout warning, so a step asks for them (Flat).
        Parameter View(long from, long[] memberShape, bool trained)
        {
            long length = memberShape.Aggregate(1L, (a, b) => a * b);
            return new Parameter(_values.narrow(1, from, length).view([count, .. memberShape]), trained);
        }
    }

    /// <summary>The trained parameters' values as one [S, P_trained] view (every layer in end_to_end, the output layer in
    /// frozen_features).</summary>
    public Tensor TrainedValues { get; }

    /// <summary>Gradients of the trained parameters (in their order) as one [S, P_trained] tensor laid out as
    /// <see cref="TrainedValues"/>.</summary>
    public Tensor Flat(IEnumerable<Tensor> gradients) => cat(gradients.Select(g => g.reshape(Size, -1)).ToList(), 1);

    public int Size => _members.Count;

    /// <summary>The trained parameters (every layer in end_to_end, the output layer in frozen_features), hidden layers
    /// first, weight before bias: the order of a member's own parameters and of <see cref="TrainedValues"/>.</summary>
    public IReadOnlyList<Parameter> TrainedParameters { get; }

    /// <summary>Each member's generator, in member order: every noise draw of training comes from them.</summary>
    public IReadOnlyList<Generator> Generators { get; }

    /// <summary>T_L of every member for training inputs [S, b, d]: input noise, then every hidden layer with its
    /// activation noise and inverted dropout, all fresh.</summary>
    public Tensor NoisyFeatures(Tensor input)
    {
        int depth = _layers.Count - 1;
        long batch = input.shape[1];
        Device device = input.device;
        Tensor? noise = _noiseScale is null ? null
            : MemberDraws.NormalColumns(Generators, _noiseDrawn, batch, _noiseColumns, device).mul_(_noiseScale);
        // A member without dropout draws nothing: its zeros are below its keep probability of 1.
        Tensor? mask = _keep is null ? null
            : MemberDraws.Uniform(Generators, _dropping, [batch, depth * _width], device).lt(_keep).to(input.dtype);
        Tensor x = _inputNoise ? input.Plus(noise!.narrow(2, 0, _inputs)) : input;
        long layerNoise = _inputNoise ? _inputs : 0;
        for (int l = 0; l < depth; l++)
        {
            x = Activate(Affine(l, x));
            if (noise is not null) x = x.Plus(noise.narrow(2, layerNoise + l * _width, _width));
            if (mask is not null) x = x * mask.narrow(2, l * _width, _width) / _keep!;
        }
        return x;
    }

    /// <summary>The logits [S, b, C] for features [S, b, w].</summary>
    public Tensor Output(Tensor features) => Affine(_layers.Count - 1, features);

    /// <summary>Copies every member's trained weights back into its own model.</summary>
    public void WriteMembers()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (int l = 0; l < _layers.Count; l++)
        {
            // A layer split into its members in one call each, so a pack of 32 pays one copy per member and tensor.
            Tensor[] weights = _layers[l].Weight.transpose(1, 2).unbind(0), biases = _layers[l].Bias.squeeze(1).unbind(0);
            for (int s = 0; s < _members.Count; s++)
            {
                _members[s].Layers[l].weight!.copy_(weights[s]);
                _members[s].Layers[l].bias!.copy_(biases[s]);
            }
        }
    }

    /// <summary>Copies the members' weights into the pack (after they were restored from checkpoints).</summary>
    public void ReadMembers()
    {
        using var noGrad = no_grad();
        for (int s = 0; s < _members.Count; s++)
            for (int l = 0; l < _layers.Count; l++)
            {
                _layers[l].Weight[s].copy_(_members[s].Layers[l].weight!.t());
                _layers[l].Bias[s].copy_(_members[s].Layers[l].bias!.unsqueeze(0));
            }
    }

    // bias + x W in one call, the [S, 1, out] bias broadcast over the batch. TorchSharp 0.107's Tensor.baddbmm hands its
    // operands to libtorch rotated (this as batch1, batch1 as batch2, batch2 as the added input), so the call reads
    // x.baddbmm(W, bias); were that fixed, these shapes would be refused, not silently misread.
    private Tensor Affine(int l, Tensor x) => x.baddbmm(_layers[l].Weight, _layers[l].Bias);

    private Tensor Activate(Tensor z) => _activation == ActivationKind.Relu ? nn.functional.relu(z) : z.tanh();

    public void Dispose()
    {
        foreach (var (weight, bias) in _layers)
        {
            weight.Dispose();
            bias.Dispose();
        }
        TrainedValues.Dispose();
        _values.Dispose();
        _noiseScale?.Dispose();
        _keep?.Dispose();
    }
}
