using YamlDotNet.RepresentationModel;

namespace SweepCluster.Core.Spec;

/// <summary>A spec file's text with `--set axis=value` overrides written into it, for the commands that record the
/// spec they run (a sweep's journal and spec.yaml hold text, so a resume without the flags runs the same grid). The
/// overrides are checked and applied by <see cref="SpecOverrides"/>; this only writes its axes back as YAML.</summary>
public static class OverriddenSpec
{
    /// <summary>Sections whose keys may fix an axis (training.epochs, model.activation, dataset.shells); an overridden
    /// axis is removed from them, since a setting given in both places is refused.</summary>
    private static readonly string[] SettingSections = ["dataset", "model", "training"];

    /// <returns>The spec read from the overridden text, and that text (the original, untouched, when there are no
    /// overrides).</returns>
    /// <exception cref="UserInputException">The spec or an override is wrong, in one sentence.</exception>
    public static (SweepSpec Spec, string Yaml) Read(string yaml, string sourcePath, IReadOnlyList<string> assignments, string flag)
    {
        SweepSpec spec = SpecLoader.Parse(yaml, sourcePath);
        if (assignments.Count == 0) return (spec, yaml);
        SweepSpec overridden = SpecOverrides.Apply(spec, assignments, flag);

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var grid = (YamlMappingNode)root.Children[new YamlScalarNode("grid")];
        foreach (string axis in assignments.Select(a => a[..a.IndexOf('=')].Trim()).Distinct())
        {
            if (axis is "seed" or "seeds")
            {
                root.Children[new YamlScalarNode("seeds")] = Sequence(overridden.Seeds.Select(seed => seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }
            grid.Children[new YamlScalarNode(axis)] = Sequence(overridden.Grid.Single(a => a.Name == axis).Values.Select(v => v.ToString()));
            foreach (string section in SettingSections)
                if (root.Children.TryGetValue(new YamlScalarNode(section), out var node) && node is YamlMappingNode settings)
                    settings.Children.Remove(new YamlScalarNode(axis));
        }
        var text = new StringWriter();
        // YAML's writer drops comments; the file's opening comment (what the sweep is for) is kept above the overrides.
        foreach (string comment in yaml.Split('\n').TakeWhile(line => line.StartsWith('#'))) text.WriteLine(comment.TrimEnd('\r'));
        text.WriteLine($"# {Path.GetFileName(sourcePath)} with {string.Join(' ', assignments.Select(a => $"{flag} {a}"))}");
        stream.Save(text, assignAnchors: false);
        string written = text.ToString();
        return (SpecLoader.Parse(written, sourcePath), written);
    }

    private static YamlSequenceNode Sequence(IEnumerable<string> values) =>
        new(values.Select(value => new YamlScalarNode(value))) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow };
}
