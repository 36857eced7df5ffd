using System.ComponentModel;
using Spectre.Console.Cli;
using SweepCluster.Cli.Sweeps;
using SweepCluster.Sessions;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Telemetry;

namespace SweepCluster.Cli.Commands;

/// <summary>`sweepcluster coordinator SPEC --out DIR`: the seed node that owns the sweep and its results; workers join it.</summary>
internal sealed class CoordinatorCommand : Command<CoordinatorCommand.Settings>
{
    public sealed class Settings : SweepSpecSettings
    {
        [CommandOption("--port <PORT>")]
        [Description("Port workers use as their seed (default 4053).")]
        public int Port { get; init; } = SweepClusterOptions.DefaultSeedPort;

        public Settings() => Slots = 0;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        using var signal = new ShutdownSignal();
        var node = SweepNode.Configure(settings.OwnerOptions(settings.Port, MetricsEndpoint.CoordinatorDefaultPort));
        return CoordinatedSweep.RunAsync(
            () => settings.Opener.ForSpecAsync(settings.Spec, settings.Out, settings.ForceNew, signal.Token, settings.Set),
            node, NodeLogLevel.Warning, signal.Token).GetAwaiter().GetResult();
    }
}
