using System.ComponentModel;
using Spectre.Console.Cli;
using SweepCluster.Cli.Sweeps;
using SweepCluster.Cluster.Hosting;

namespace SweepCluster.Cli.Commands;

/// <summary>`sweepcluster run SPEC`: the whole sweep in one process, which plays coordinator and workers.</summary>
public sealed class RunCommand : Command<RunCommand.Settings>
{
    public sealed class Settings : SlotSettings
    {
        [CommandArgument(0, "<SPEC>")]
        [Description("Sweep spec (YAML).")]
        public string Spec { get; init; } = "";

        [CommandOption("--out <DIR>")]
        [Description("Results folder (default runs/<spec name>).")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        using var signal = new ShutdownSignal();
        var options = settings.Apply(new SweepClusterOptions { Port = 0 });
        return CoordinatedSweep.RunAsync(settings.Spec, settings.Out, options, "ERROR", signal.Token).GetAwaiter().GetResult();
    }
}
