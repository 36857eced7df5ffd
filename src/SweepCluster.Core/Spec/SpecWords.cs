using System.Text.Json;

namespace SweepCluster.Core.Spec;

/// <summary>How a trial trains: every layer (M1), or only the output layer over random frozen hidden layers (M2).</summary>
public enum TrainingMode
{
    EndToEnd,
    FrozenFeatures,
}

/// <summary>The update rule: plain SGD, Adam, or SGLD (SGD with Gaussian noise on every update and a gradient clip).</summary>
public enum OptimizerKind
{
    Sgd,
    Adam,
    Sgld,
}

/// <summary>The hidden layers' nonlinearity: tanh (bounded, the default) or ReLU.</summary>
public enum ActivationKind
{
    Tanh,
    Relu,
}

/// <summary>The network family: the multilayer perceptron (the reference model) is the only one.</summary>
public enum ArchitectureKind
{
    Mlp,
}

/// <summary>The step size over training: constant, or inverse_time (alpha_t = lr / (1 + lr_decay * t)).</summary>
public enum ScheduleKind
{
    Constant,
    InverseTime,
}

/// <summary>How the sgld_noise axis is read: std (sigma_t itself) or inverse_temperature (beta, with
/// sigma_t^2 = 2 alpha_t / beta).</summary>
public enum SgldParameterization
{
    Std,
    InverseTemperature,
}

/// <summary>Where the data comes from: a seeded Gaussian mixture, or MNIST-format IDX files.</summary>
public enum DatasetKind
{
    Synthetic,
    Idx,
}

/// <summary>Which built-in synthetic task: a Gaussian mixture (nearly linearly separable; depth does not help), or
/// radial shells (the label is set by the input's radius, a function a one-hidden-layer net of moderate width
/// approximates poorly and a deeper one composes).</summary>
public enum SyntheticTask
{
    GaussianMixture,
    RadialShells,
}

/// <summary>The spec's snake_case words of a closed vocabulary ("frozen_features", "sgld", "tanh"): the same words
/// the YAML, the JSON (<see cref="TrialJson"/>) and therefore the trial ids use.</summary>
public static class SpecWords
{
    /// <summary>The word of <paramref name="value"/>, such as "frozen_features".</summary>
    public static string Word<T>(this T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Every word of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => v.Word()).ToArray();

    /// <summary>The value whose word is <paramref name="word"/>.</summary>
    /// <exception cref="ArgumentException">No value has that word (the spec reader refuses it before).</exception>
    public static T Parse<T>(string word) where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
            if (value.Word() == word) return value;
        throw new ArgumentException($"Unknown {typeof(T).Name} '{word}'; expected {string.Join(", ", All<T>())}.", nameof(word));
    }
}
