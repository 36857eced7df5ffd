using SweepCluster.Core.Spec;
using SweepCluster.Training.Running;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Model;

/// <summary>The reference MLP: L hidden layers of width w with a bounded (tanh) or relu activation, Gaussian
/// noise N(0, s^2 I) after every hidden activation in training and evaluation alike, optional input noise and
/// dropout on hidden units (training only), and a linear output layer. Every random draw comes from the
/// generator it is given, so a trial is a function of its seed. Training runs on a <see cref="PackedMlp"/> built from
/// it (which applies the dropout) and measurement on a <c>PackedNetwork</c> built from it; its own passes (the CMI
/// predictions) are evaluation passes.</summary>
public sealed class NoisyMlp : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> _hidden = new();
    private readonly Linear _output;
    private readonly NoisyMlpShape _shape;
    private readonly Generator _noise;

    public NoisyMlp(NoisyMlpShape shape, Generator initialization, Generator noise) : base(nameof(NoisyMlp))
    {
        _shape = shape;
        _noise = noise;
        int inputs = shape.InputDimension;
        for (int l = 0; l < shape.Depth; l++)
        {
            _hidden.Add(nn.Linear(inputs, shape.Width));
            inputs = shape.Width;
        }
        _output = nn.Linear(inputs, shape.Classes);
        RegisterComponents();
        Initialize(initialization);
    }

    /// <summary>The output layer's parameters (weight and bias: (w + 1) * C numbers).</summary>
    public IEnumerable<Parameter> OutputParameters() => _output.parameters();

    public IEnumerable<Parameter> HiddenParameters() => _hidden.SelectMany(layer => layer.parameters());

    /// <summary>The hidden layers then the output layer, for <see cref="PackedMlp"/> to stack and write back.</summary>
    internal IReadOnlyList<Linear> Layers => [.. _hidden, _output];

    internal NoisyMlpShape Shape => _shape;

    /// <summary>The generator every noise draw of this model comes from (also in packed training).</summary>
    internal Generator Noise => _noise;

    public override Tensor forward(Tensor input) => Output(NoisyFeatures(input));

    /// <summary>T_L, what the output layer sees: the input through every hidden layer with fresh activation noise,
    /// exactly the draws <see cref="forward"/> makes.</summary>
    public Tensor NoisyFeatures(Tensor input)
    {
        Tensor x = AddInputNoise(input);
        foreach (var layer in _hidden) x = AddActivationNoise(Activate(layer.forward(x)));
        return x;
    }

    /// <summary>The output layer's logits W t + b for features t.</summary>
    public Tensor Output(Tensor features) => _output.forward(features);

    private Tensor Activate(Tensor z) => _shape.Activation == ActivationKind.Relu ? nn.functional.relu(z) : z.tanh();

    private Tensor AddActivationNoise(Tensor h) => AddNoise(h, _shape.ActivationNoise);

    private Tensor AddInputNoise(Tensor x) => AddNoise(x, _shape.InputNoise);

    private Tensor AddNoise(Tensor x, double std)
    {
        if (std <= 0) return x;
        using Scalar scale = std.ToScalar();
        return x.Plus(randn(x.shape, x.dtype, x.device, generator: _noise) * scale);
    }

    /// <summary>Xavier-uniform weights with the activation's gain (5/3 for tanh, sqrt 2 for relu) and zero biases,
    /// drawn from the trial's generator: deep tanh stacks then start in their responsive range.</summary>
    private void Initialize(Generator generator)
    {
        double gain = _shape.Activation == ActivationKind.Relu ? Math.Sqrt(2.0) : 5.0 / 3.0;
        using var noGrad = no_grad();
        foreach (var layer in _hidden.Append(_output))
        {
            long fanOut = layer.weight!.shape[0], fanIn = layer.weight.shape[1];
            double bound = (layer == _output ? 1.0 : gain) * Math.Sqrt(6.0 / (fanIn + fanOut));
            using Tensor draw = rand(layer.weight.shape, layer.weight.dtype, layer.weight.device, generator: generator);
            using Scalar width = (2 * bound).ToScalar(), shift = bound.ToScalar();
            layer.weight.copy_(draw * width - shift);
            layer.bias!.zero_();
        }
    }
}

/// <summary>The architecture and noise settings of a <see cref="NoisyMlp"/>.</summary>
public sealed record NoisyMlpShape(
    int InputDimension, int Depth, int Width, int Classes, ActivationKind Activation,
    double ActivationNoise, double InputNoise, double Dropout);
