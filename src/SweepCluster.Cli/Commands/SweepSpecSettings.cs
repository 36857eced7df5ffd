using System.ComponentModel;
using Spectre.Console.Cli;

namespace SweepCluster.Cli.Commands;

/// <summary>Options of the nodes that start or continue a sweep from a spec (`run`, `coordinator`).</summary>
internal class SweepSpecSettings : SweepFolderSettings
{
    [CommandArgument(0, "<SPEC>")]
    [Description("Sweep spec (YAML).")]
    public string Spec { get; init; } = "";

    [CommandOption("--out <DIR>")]
    [Description("Results folder (default runs/<spec name>). A folder that holds this sweep continues it; a spec that only adds grid points or seeds runs just the new trials.")]
    public string? Out { get; init; }

    [CommandOption("--force-new")]
    [Description("When DIR's sweep cannot continue under this spec (changed settings, a damaged journal), start a new sweep in DIR-2 (DIR-3, ...) instead of refusing.")]
    public bool ForceNew { get; init; }
}
