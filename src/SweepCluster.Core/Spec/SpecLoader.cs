using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SweepCluster.Core.Spec;

/// <summary>Reads a sweep spec from YAML. Every mistake in the file becomes a <see cref="UserInputException"/>
/// naming file:line:column, the field and the fix; nothing else escapes, whatever the input text.</summary>
public static class SpecLoader
{
    private static readonly string[] TopLevelKeys = ["name", "dataset", "model", "training", "information", "cmi", "grid", "seeds", "pack_size"];

    public static SweepSpec Load(string path) => Parse(ReadText(path), path);

    /// <summary>The spec file's text, for a caller that keeps it (a sweep's journal records the text it ran).</summary>
    /// <exception cref="UserInputException">The file is missing or cannot be read.</exception>
    public static string ReadText(string path)
    {
        if (Directory.Exists(path))
            throw new UserInputException($"spec file '{path}' is a directory, not a file; give the path of a spec .yaml file (examples are in cluster-config/sweeps/).");
        if (!File.Exists(path))
            throw new UserInputException($"spec file '{path}' does not exist; check the path (examples are in cluster-config/sweeps/).");
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"spec file '{path}' cannot be read ({e.Message.TrimEnd('.')}); check its permissions.");
        }
    }

    public static SweepSpec Parse(string yaml, string sourcePath)
    {
        var errors = new SpecErrors(sourcePath);
        var stream = new YamlStream();
        try
        {
            YamlStructureGuard.Check(yaml, errors);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            string what = e.InnerException?.Message ?? e.Message;
            throw errors.At(e.Start, "the YAML", $"is malformed ({what.Trim().TrimEnd('.')}); fix the syntax there.");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // The parser reports some structural errors without a position.
            throw errors.General($"the YAML is malformed ({e.Message.Trim().TrimEnd('.')}); fix the syntax.");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            throw errors.General("the spec is empty; it needs at least 'name' and a 'grid' with depth and width.");
        if (stream.Documents.Count > 1)
            throw errors.General("the file holds several YAML documents; keep one spec per file.");
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw errors.At(stream.Documents[0].RootNode, "the spec", "must be a mapping of keys (name, dataset, model, training, information, cmi, grid, seeds, pack_size).");

        var sections = new SectionReaders(errors);
        var entries = Entries(root, "the spec", TopLevelKeys, errors);
        string name = entries.TryGetValue("name", out var nameNode)
            ? sections.Name(nameNode)
            : throw errors.General("the required key 'name' is missing; add for example 'name: my-sweep'.");
        var dataset = entries.TryGetValue("dataset", out var d) ? sections.Dataset(Mapping(d, "dataset", errors)) : new DatasetSettings();
        var model = entries.TryGetValue("model", out var m) ? sections.Model(Mapping(m, "model", errors)) : new ModelSettings();
        var training = entries.TryGetValue("training", out var t) ? sections.Training(Mapping(t, "training", errors)) : new TrainingSettings();
        var information = entries.TryGetValue("information", out var i) ? sections.Information(Mapping(i, "information", errors)) : new InformationSettings();
        var cmi = entries.TryGetValue("cmi", out var c) ? sections.Cmi(Mapping(c, "cmi", errors)) : null;
        if (!entries.TryGetValue("grid", out var gridNode))
            throw errors.General("the required key 'grid' is missing; add a grid with at least depth and width.");
        var grid = GridReader.Read(Mapping(gridNode, "grid", errors), errors, sections.GivenSettings);
        IReadOnlyList<int> seeds = entries.TryGetValue("seeds", out var s) ? SeedsReader.Read(s, errors) : [0];
        int? packSize = entries.TryGetValue("pack_size", out var p) ? new ScalarReader(errors).Integer(p, "pack_size", SweepSpec.MinPackSize, SweepSpec.MaxPackSize) : null;
        if (dataset.Kind == DatasetKind.Idx && dataset.Path is null)
            throw errors.At(d!, "dataset", "has kind idx but no path; add 'path:' naming the folder of the IDX files (e.g. /usr/share/datasets/fashion-mnist).");
        CheckClipping(training, grid, sections.ClippingNode, errors);
        if (cmi is not null && dataset.Kind == DatasetKind.Synthetic && dataset.Classes > CmiLimits.MaxClasses)
            throw errors.At(c!, "cmi", $"records one character per prediction, which holds at most {CmiLimits.MaxClasses} classes, but dataset.classes is {dataset.Classes}; use fewer classes or drop the cmi section.");
        var spec = new SweepSpec(name, dataset, model, training, information, grid, seeds, sourcePath) { Cmi = cmi, PackSize = packSize };
        GridSize.Check(spec);
        return spec;
    }

    /// <summary>Per-example clipping has a closed form only for the output layer with frozen hidden layers, so it is
    /// refused wherever an end_to_end trial would get it (the fixed mode, or a mode axis that lists end_to_end).</summary>
    private static void CheckClipping(TrainingSettings training, IReadOnlyList<GridAxis> grid, YamlNode? clippingNode, SpecErrors errors)
    {
        if (training.Clipping != ClippingMode.PerExample) return;
        var modeAxis = grid.FirstOrDefault(axis => axis.Name == AxisNames.Mode);
        bool endToEnd = modeAxis is null
            ? training.Mode == TrainingMode.EndToEnd
            : modeAxis.Values.Any(value => value.Text == TrainingMode.EndToEnd.Word());
        if (endToEnd)
            throw errors.At(clippingNode!, "training.clipping",
                "is per_example, which only frozen_features trials can do (their output layer's per-example gradient has a closed form) but this spec has end_to_end trials; use clipping auto (per_example in frozen_features, batch in end_to_end) or mode frozen_features.");
    }

    /// <summary>The keys of a mapping, each checked against the valid ones (with the nearest suggested) and unique.</summary>
    internal static Dictionary<string, YamlNode> Entries(YamlMappingNode mapping, string where, IReadOnlyList<string> valid, SpecErrors errors)
    {
        var result = new Dictionary<string, YamlNode>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            string key = keyNode is YamlScalarNode { Value: { } k } ? k : throw errors.At(keyNode, where, "has a key that is not a plain word; use simple 'key: value' lines.");
            if (!valid.Contains(key))
                throw errors.At(keyNode, $"unknown key '{key}' in {where};", $"did you mean '{NearestName.Of(key, valid)}'?");
            if (!result.TryAdd(key, value))
                throw errors.At(keyNode, $"{where}.{key}", "is given twice; keep one.");
        }
        return result;
    }

    internal static YamlMappingNode Mapping(YamlNode node, string field, SpecErrors errors) =>
        node as YamlMappingNode ?? throw errors.At(node, field, "must be a mapping of 'key: value' lines.");
}
