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

        [CommandOption("--stay")]
        [Description("Keep running when the coordinator's sweep has finished, for the next sweep (default: exit 0).")]
        public bool Stay { get; init; }
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
        return RunAsync(node, settings.Stay, signal.Token).GetAwaiter().GetResult();
    }

    /// <summary>A node not in a cluster after this long is replaced: a fresh actor system joins a restarted seed where
    /// one that tried the seed while it was down may not.</summary>
    private static readonly TimeSpan JoinPatience = TimeSpan.FromSeconds(20);

    /// <summary>How long a stopping worker waits for its node to leave the cluster in order before it exits anyway: an
    /// idle machine leaves in 0.4-1.3 s, and at load 20-27 the process took 0.8-1.7 s more to exit after the wait, so a
    /// signalled worker is gone within 5 s.</summary>
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(2);

    /// <summary>Runs the node until stopped (exit code 130) or, unless <paramref name="stay"/>, until the coordinator's
    /// sweep has finished (exit code 0). A node that leaves the cluster without being asked (the coordinator died or
    /// downed this node after it stopped answering), that has found no coordinator within <see cref="JoinPatience"/>,
    /// or (with <paramref name="stay"/>) whose sweep has finished, is replaced by a fresh one that joins the seed again
    /// and waits for the coordinator: the one cluster the finished coordinator leaves behind is not the next one's.</summary>
    private static async Task<int> RunAsync(NodeConfiguration configuration, bool stay, CancellationToken cancellation)
    {
        var stopped = Task.Delay(Timeout.Infinite, cancellation).ContinueWith(_ => { }, TaskScheduler.Default);
        string seed = configuration.Cluster.SeedNodes[0];
        while (true)
        {
            var node = await SweepNode.StartAsync(configuration, coordinator: null, logLevel: NodeLogLevel.Warning);
            Console.WriteLine($"worker on {configuration.Cluster.Host}: {node.Slots.Count} slot(s) [{string.Join(", ", node.Slots.Select(s => $"{s.Device}x{s.Threads}"))}] in packs of up to {configuration.PackSize}, coordinator at {seed}; Ctrl+C stops it.");
            Task finished = node.SweepFinished;
            var ended = await Task.WhenAny(Task.WhenAny(node.Joined, Task.Delay(JoinPatience, CancellationToken.None)), stopped, finished);
            if (ended != stopped && ended != finished && node.Joined.IsCompleted) ended = await Task.WhenAny(node.Terminated, stopped, finished);
            // The coordinator leaves right after announcing its end: a node that lost it then is done, not orphaned.
            if (ended != stopped && finished.IsCompleted) ended = finished;
            if (ended == stopped)
            {
                Console.WriteLine("worker stopping: running trials are abandoned and go back to the coordinator.");
                await node.StopWithinAsync(StopBudget);
                return 130;
            }
            if (ended == finished && !stay)
            {
                var summary = node.SweepFinished.Result;
                Console.WriteLine($"worker: the sweep at {seed} has finished ({summary.Completed} completed, {summary.Failed} failed of {summary.Total}), so this worker exits; --stay keeps a worker for the next sweep.");
                await node.StopWithinAsync(StopBudget);
                return 0;
            }
            await node.DisposeAsync();
            Console.WriteLine(ended == finished
                ? $"worker: the sweep at {seed} has finished; --stay: joining {seed} again for the next sweep."
                : node.Joined.IsCompleted
                ? $"worker: this node left the cluster (the coordinator was lost, or downed this node after it stopped answering); joining {seed} again."
                : $"worker: no coordinator answered within {JoinPatience.TotalSeconds:F0} s; joining {seed} again with a fresh node.");
        }
    }
}
