using System.ComponentModel;
using Spectre.Console.Cli;
using SweepCluster.Cli.Sweeps;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Sessions;
using SweepCluster.Telemetry;

namespace SweepCluster.Cli.Commands;

/// <summary>`sweepcluster resume DIR`: continues the folder's sweep under the spec its journal holds. Completed trials
/// never run again; trials that were running when it stopped run again from the start.</summary>
internal sealed class ResumeCommand : Command<ResumeCommand.Settings>
{
    public sealed class Settings : SweepFolderSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The sweep's results folder (it holds sweep.json and, by default, journal.db).")]
        public string Dir { get; init; } = "";

        [CommandOption("--port <PORT>")]
        [Description("Port to bind (default 0, any free one); give the coordinator's port, e.g. 4053, when workers join.")]
        public int Port { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        using var signal = new ShutdownSignal();
        // Resumed in one process it is a `run`; on a fixed port for workers, a coordinator.
        var node = SweepNode.Configure(settings.Port == 0
            ? settings.OwnerOptions(0, MetricsEndpoint.RunDefaultPort, MetricsEndpoint.WorkerPortsToTry)
            : settings.OwnerOptions(settings.Port, MetricsEndpoint.CoordinatorDefaultPort));
        return CoordinatedSweep.RunAsync(
            () => settings.Opener.ForFolderAsync(settings.Dir, signal.Token, settings.Set),
            node, settings.Port == 0 ? NodeLogLevel.Error : NodeLogLevel.Warning, signal.Token).GetAwaiter().GetResult();
    }
}
