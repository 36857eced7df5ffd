using System.ComponentModel;
using Spectre.Console.Cli;
using SweepCluster.Cli.Sweeps;
using SweepCluster.Cluster;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Core;
using SweepCluster.Sessions;
using SweepCluster.Telemetry;

namespace SweepCluster.Cli.Commands;

/// <summary>`sweepcluster worker --seed HOST:PORT`: joins a coordinator's cluster and runs trials until stopped.</summary>
internal sealed class WorkerCommand : Command<WorkerCommand.Settings>
{
    public sealed class Settings : SlotSettings
    {
        [CommandOption("--seed <HOST:PORT>")]
        [DescriptionOf("The coordinator's address, e.g. {0}:{1}.", NodeAddresses.Loopback, SweepClusterOptions.DefaultSeedPort)]
        public string Seed { get; init; } = "";

        [CommandOption("--checkpoint-dir <DIR>")]
        [Description("Folder for checkpoints with --checkpoint-every; it must outlive this worker (e.g. shared storage).")]
        public string? CheckpointDir { get; init; }

        [CommandOption("--port <PORT>")]
        [Description("Port of this worker (default 0: any free port).")]
        public int Port { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        string[] parts = settings.Seed.Split(':');
        if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1], out int port) || port is < 1 or > 65535)
            throw new UserInputException($"--seed '{settings.Seed}' is not HOST:PORT; give the coordinator's address, e.g. --seed {NodeAddresses.Loopback}:{SweepClusterOptions.DefaultSeedPort}.");
        using var signal = new ShutdownSignal();
        var node = SweepNode.Configure(settings.Apply(new NodeOptions
        {
            Port = settings.Port,
            Roles = [SweepRoles.Worker],
            SeedNodes = [$"{ClusterTls.Protocol(settings.TlsCert is not null)}://{SweepClusterOptions.DefaultActorSystemName}@{parts[0]}:{port}"],
            CheckpointDirectory = settings.CheckpointDir is { } dir ? Path.GetFullPath(dir) : null,
        }, MetricsEndpoint.WorkerDefaultPort, MetricsEndpoint.WorkerPortsToTry));
        return RunAsync(node, signal.Token).GetAwaiter().GetResult();
    }

    /// <summary>A node not in a cluster after this long is replaced: a fresh actor system joins a restarted seed where
    /// one that tried the seed while it was down may not.</summary>
    private static readonly TimeSpan JoinPatience = TimeSpan.FromSeconds(20);

    /// <summary>Runs the node until stopped. A node that leaves the cluster without being asked (the coordinator died or
    /// downed this node after it stopped answering), or that has found no coordinator within <see cref="JoinPatience"/>, is replaced by
    /// a fresh one that joins the seed again and waits for the coordinator.</summary>
    private static async Task<int> RunAsync(NodeConfiguration configuration, CancellationToken cancellation)
    {
        var stopped = Task.Delay(Timeout.Infinite, cancellation).ContinueWith(_ => { }, TaskScheduler.Default);
        while (true)
        {
            await using var node = await SweepNode.StartAsync(configuration, coordinator: null, logLevel: NodeLogLevel.Warning);
            Console.WriteLine($"worker on {configuration.Cluster.Host}: {node.Slots.Count} slot(s) [{string.Join(", ", node.Slots.Select(s => $"{s.Device}x{s.Threads}"))}] in packs of up to {configuration.PackSize}, coordinator at {configuration.Cluster.SeedNodes[0]}; Ctrl+C stops it.");
            var ended = await Task.WhenAny(Task.WhenAny(node.Joined, Task.Delay(JoinPatience, CancellationToken.None)), stopped);
            if (ended != stopped && node.Joined.IsCompleted) ended = await Task.WhenAny(node.Terminated, stopped);
            if (ended == stopped)
            {
                Console.WriteLine("worker stopping: running trials are abandoned and go back to the coordinator.");
                return 0;
            }
            Console.WriteLine(node.Joined.IsCompleted
                ? $"worker: this node left the cluster (the coordinator was lost, or downed this node after it stopped answering); joining {configuration.Cluster.SeedNodes[0]} again."
                : $"worker: no coordinator answered within {JoinPatience.TotalSeconds:F0} s; joining {configuration.Cluster.SeedNodes[0]} again with a fresh node.");
        }
    }
}
