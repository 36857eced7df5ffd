using Spectre.Console.Cli;
using SweepCluster.Cli.Sweeps;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Sessions;
using SweepCluster.Telemetry;

namespace SweepCluster.Cli.Commands;

/// <summary>`sweepcluster run SPEC`: the whole sweep in one process, which plays coordinator and workers.</summary>
internal sealed class RunCommand : Command<RunCommand.Settings>
{
    public sealed class Settings : SweepSpecSettings;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        using var signal = new ShutdownSignal();
        // Without --metrics-port a taken 9466 (another run, a worker) moves /metrics up the range as a worker's does.
        var node = SweepNode.Configure(settings.Apply(new NodeOptions { Port = 0 }, MetricsEndpoint.RunDefaultPort, MetricsEndpoint.WorkerPortsToTry));
        return CoordinatedSweep.RunAsync(
            () => settings.Opener.ForSpecAsync(settings.Spec, settings.Out, settings.ForceNew, signal.Token, settings.Set),
            node, NodeLogLevel.Error, signal.Token).GetAwaiter().GetResult();
    }
}
