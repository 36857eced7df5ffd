using SweepCluster.Core;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Sessions;

/// <summary>DIR/spec.yaml edited by hand, while the journal holds the spec in force: `resume` runs the journal's spec
/// and rewrites the copy, so it first says which keys the edit changed and keeps the edited text beside it.</summary>
/// <param name="Edits">Each changed key ("training.epochs: 20 -> 30", "grid.depth: 8 added"), or what is wrong with
/// the edited text when it no longer reads as a spec.</param>
public sealed record EditedSpecCopy(string Yaml, IReadOnlyList<string> Edits)
{
    /// <summary>Where the edited text is kept when spec.yaml is rewritten.</summary>
    public const string KeptFileName = "spec.edited.yaml";

    /// <summary>The edited copy in <paramref name="dir"/>, or null when spec.yaml is missing or is the spec in force.</summary>
    public static EditedSpecCopy? Find(string dir, SweepSpec inForce, string inForceYaml)
    {
        string path = Path.Combine(dir, SweepFolder.SpecFileName);
        if (!File.Exists(path)) return null;
        string yaml = File.ReadAllText(path);
        if (yaml == inForceYaml) return null;
        try
        {
            var edits = SpecEdits.Between(inForce, SpecLoader.Parse(yaml, path));
            return new EditedSpecCopy(yaml, edits.Count > 0 ? edits : ["its text only (comments, layout), no setting"]);
        }
        catch (UserInputException e)
        {
            return new EditedSpecCopy(yaml, [$"it no longer reads as a spec: {e.Message.TrimEnd('.')}"]);
        }
    }
}
