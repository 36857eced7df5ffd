using System.ComponentModel;
using Spectre.Console.Cli;

namespace SweepCluster.Cli.Commands;

/// <summary>Options of the nodes that own a sweep (`run`, `coordinator`): the spec and the results folder.</summary>
public class SweepSpecSettings : SlotSettings
{
    [CommandArgument(0, "<SPEC>")]
    [Description("Sweep spec (YAML).")]
    public string Spec { get; init; } = "";

    [CommandOption("--out <DIR>")]
    [Description("Results folder (default runs/<spec name>).")]
    public string? Out { get; init; }
}
