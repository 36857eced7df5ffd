using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace SweepCluster.Core.Spec;

/// <summary>Reads the fixed-setting sections (dataset, model, training, information) key by key, and remembers
/// which settings that may also be grid axes were given, so a setting given twice can be refused.</summary>
internal sealed partial class SectionReaders(SpecErrors errors)
{
    private readonly ScalarReader _read = new(errors);

    /// <summary>Settings given in a section that are also axis names, with where they were given.</summary>
    public Dictionary<string, (string Field, YamlNode Node)> GivenSettings { get; } = new();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();

    public string Name(YamlNode node)
    {
        string name = _read.Text(node, "name").Trim();
        if (!NamePattern().IsMatch(name) || name.Contains(".."))
            throw errors.At(node, "name", $"'{name}' is not usable as a folder name; use letters, digits, '-', '_' and '.'.");
        return name;
    }

    public DatasetSettings Dataset(YamlMappingNode section)
    {
        var result = new DatasetSettings();
        var given = new Dictionary<string, YamlNode>();
        foreach (var (key, node) in SpecLoader.Entries(section, "dataset",
                     ["kind", "task", "classes", "dimension", "separation", "shells", "test_size", "data_seed", "path", "class_subset"], errors))
        {
            string field = $"dataset.{key}";
            given[key] = node;
            result = key switch
            {
                "kind" => result with { Kind = _read.Word<DatasetKind>(node, field) },
                "classes" => result with { Classes = _read.Integer(node, field, 2, 1000) },
                "dimension" => result with { Dimension = _read.Integer(node, field, 1, 1_000_000) },
                "task" => result with { Task = _read.Word<SyntheticTask>(node, field) },
                "separation" => result with { Separation = _read.Number(node, field, 0, max: NumberLimits.Separation) },
                "shells" => result with { Shells = Given(AxisNames.Shells, field, node, _read.Integer(node, field, 2, 1000)) },
                "test_size" => result with { TestSize = _read.Integer(node, field, 1, 10_000_000) },
                "data_seed" => result with { DataSeed = _read.Integer(node, field, 0) },
                "path" => result with { Path = _read.Text(node, field) },
                _ => result with { ClassSubset = ClassSubset(node, field) },
            };
        }
        return SyntheticTaskChecked(result, given);
    }

    /// <summary>A task key that does not apply to the chosen task is refused, not ignored; radial shells default to
    /// one shell per class.</summary>
    private DatasetSettings SyntheticTaskChecked(DatasetSettings result, Dictionary<string, YamlNode> given)
    {
        if (given.TryGetValue("task", out var taskNode) && result.Kind != DatasetKind.Synthetic)
            throw errors.At(taskNode, "dataset.task", "applies to the synthetic data only; drop it, or use 'kind: synthetic'.");
        if (result.Task == SyntheticTask.GaussianMixture)
        {
            if (given.TryGetValue("shells", out var shellsNode))
                throw errors.At(shellsNode, "dataset.shells", result.Kind == DatasetKind.Synthetic
                    ? "applies to 'task: radial_shells' only; drop it, or add 'task: radial_shells'."
                    : "applies to the synthetic task 'radial_shells' only, not to idx data; drop it.");
            return result;
        }
        if (given.TryGetValue("separation", out var separationNode))
            throw errors.At(separationNode, "dataset.separation", "applies to the Gaussian mixture only (radial shells are set by 'shells'); drop it.");
        int shells = result.Shells ?? result.Classes;
        if (shells < result.Classes)
            throw errors.At(given["shells"], "dataset.shells", $"is {shells}, fewer than the {result.Classes} classes, so some class would have no shell; use at least {result.Classes}.");
        return result with { Shells = shells };
    }

    public ModelSettings Model(YamlMappingNode section)
    {
        var result = new ModelSettings();
        foreach (var (key, node) in SpecLoader.Entries(section, "model", ["architecture", "activation"], errors))
        {
            string field = $"model.{key}";
            result = key switch
            {
                "architecture" => result with { Architecture = _read.Word<ArchitectureKind>(node, field) },
                _ => result with { Activation = Given(AxisNames.Activation, field, node, _read.Word<ActivationKind>(node, field)) },
            };
        }
        return result;
    }

    public TrainingSettings Training(YamlMappingNode section)
    {
        var result = new TrainingSettings();
        foreach (var (key, node) in SpecLoader.Entries(section, "training",
                     ["mode", "optimizer", "learning_rate", "schedule", "lr_decay", "epochs", "batch_size", "clip", "clipping", "sgld_parameterization", "max_attempts"], errors))
        {
            string field = $"training.{key}";
            result = key switch
            {
                "mode" => result with { Mode = Given(AxisNames.Mode, field, node, _read.Word<TrainingMode>(node, field)) },
                "optimizer" => result with { Optimizer = Given(AxisNames.Optimizer, field, node, _read.Word<OptimizerKind>(node, field)) },
                "learning_rate" => result with { LearningRate = Given(AxisNames.LearningRate, field, node, _read.Number(node, field, 0, minExclusive: true, max: NumberLimits.LearningRate)) },
                "schedule" => result with { Schedule = _read.Word<ScheduleKind>(node, field) },
                "lr_decay" => result with { LrDecay = _read.Number(node, field, 0, max: NumberLimits.LrDecay) },
                "epochs" => result with { Epochs = Given(AxisNames.Epochs, field, node, _read.Integer(node, field, 1, 1_000_000)) },
                "batch_size" => result with { BatchSize = Given(AxisNames.BatchSize, field, node, _read.Integer(node, field, 1, 1_000_000)) },
                "clip" => result with { Clip = Given(AxisNames.Clip, field, node, _read.Number(node, field, 0, max: NumberLimits.Clip)) },
                "clipping" => result with { Clipping = Clipping(node, field) },
                "sgld_parameterization" => result with { SgldParameterization = _read.Word<SgldParameterization>(node, field) },
                _ => result with { MaxAttempts = _read.Integer(node, field, 1, 100) },
            };
        }
        return result;
    }

    public InformationSettings Information(YamlMappingNode section)
    {
        var result = new InformationSettings();
        foreach (var (key, node) in SpecLoader.Entries(section, "information",
                     ["eval_points", "noise_paths", "mixture_paths", "mixture_draws", "bins", "error_draws", "loss_clip"], errors))
        {
            string field = $"information.{key}";
            result = key switch
            {
                "eval_points" => result with { EvalPoints = _read.Integer(node, field, 2, 100_000) },
                "noise_paths" => result with { NoisePaths = _read.Integer(node, field, 1, 1000) },
                "mixture_paths" => result with { MixturePaths = _read.Integer(node, field, 2, 100_000) },
                "mixture_draws" => result with { MixtureDraws = _read.Integer(node, field, 1, 1000) },
                "bins" => result with { Bins = _read.Integer(node, field, 2, 100_000) },
                "error_draws" => result with { ErrorDraws = _read.Integer(node, field, 10, 100_000) },
                _ => result with { LossClip = _read.Number(node, field, 0, minExclusive: true, max: NumberLimits.Clip) },
            };
        }
        return result;
    }

    public CmiSettings Cmi(YamlMappingNode section)
    {
        var result = new CmiSettings();
        foreach (var (key, node) in SpecLoader.Entries(section, "cmi", ["supersamples", "selections"], errors))
        {
            string field = $"cmi.{key}";
            result = key switch
            {
                "supersamples" => result with { Supersamples = _read.Integer(node, field, 1, CmiLimits.MaxSupersamples) },
                // One selection estimates no dependence on U at all: the plug-in needs two at least.
                _ => result with { Selections = _read.Integer(node, field, 2, CmiLimits.MaxSelections) },
            };
        }
        return result;
    }

    /// <summary>Where training.clipping was given, so a clipping that does not fit the mode can be refused there.</summary>
    public YamlNode? ClippingNode { get; private set; }

    private ClippingMode Clipping(YamlNode node, string field)
    {
        ClippingNode = node;
        return _read.Word<ClippingMode>(node, field);
    }

    private T Given<T>(string axis, string field, YamlNode node, T value)
    {
        GivenSettings[axis] = (field, node);
        return value;
    }

    private IReadOnlyList<int> ClassSubset(YamlNode node, string field)
    {
        if (node is not YamlSequenceNode sequence)
            throw errors.At(node, field, "must be a list of labels such as [4, 9].");
        var labels = sequence.Children.Select(child => _read.Integer(child, field, 0)).ToList();
        if (labels.Distinct().Count() != labels.Count)
            throw errors.At(node, field, "lists a label twice; list each label once.");
        return labels;
    }
}
