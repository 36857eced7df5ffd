using Akka.Actor;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Workers;
using SweepCluster.Core;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Hosting;

/// <summary>Typed settings of one SweepCluster node, bindable from appsettings, environment variables or flags.</summary>
public sealed class SweepClusterOptions
{
    /// <summary>Every node of one sweep must use the same actor system name.</summary>
    public const string DefaultActorSystemName = "sweepcluster";
    /// <summary>The conventional port of a coordinator that workers use as their seed.</summary>
    public const int DefaultSeedPort = 4053;

    public string ActorSystemName { get; set; } = DefaultActorSystemName;

    /// <summary>Address to bind; loopback unless the cluster spans machines.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Address other nodes use to reach this one, when it differs from <see cref="Host"/> (NAT, containers).</summary>
    public string? PublicHost { get; set; }

    /// <summary>0 picks a free port: right for one process; a seed node needs a fixed one such as <see cref="DefaultSeedPort"/>.</summary>
    public int Port { get; set; }

    /// <summary>Addresses such as "akka.tcp://sweepcluster@127.0.0.1:4053". Empty: this node forms a cluster of its own.</summary>
    public string[] SeedNodes { get; set; } = [];

    /// <summary>Roles of this node; the default plays every role in one process.</summary>
    public string[] Roles { get; set; } = [SweepRoles.Coordinator, SweepRoles.Worker];

    /// <summary>Worker slots on this node; null means one per visible GPU, or one CPU slot.</summary>
    public int? Slots { get; set; }

    /// <summary>"auto", "cpu", or a list such as "cuda:0,cuda:1".</summary>
    public string Devices { get; set; } = SlotPlan.Auto;

    /// <summary>Torch threads per slot; null splits the cores between the slots.</summary>
    public int? ThreadsPerSlot { get; set; }

    /// <summary>A running attempt that reports no progress for this long is given back.</summary>
    public TimeSpan Lease { get; set; } = SweepCoordinatorSettings.DefaultLeasePeriod;

    /// <summary>Trials on this node's slots save a checkpoint every this many epochs; null or 0: no checkpoints.</summary>
    public int? CheckpointEvery { get; set; }

    /// <summary>Where this node's slots keep checkpoints (a node that owns a sweep folder uses DIR/checkpoints).</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Port of this node's /metrics on <see cref="Host"/>; 0 serves no metrics.</summary>
    public int MetricsPort { get; set; }

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>This node's worker slots for the given visible CUDA devices and cores.</summary>
    public IReadOnlyList<WorkerSlot> PlanSlots(IReadOnlyList<string> visibleCudaDevices, int cores) =>
        SlotPlan.For(Slots, Devices, visibleCudaDevices, cores, ThreadsPerSlot);

    /// <summary>The coordinator settings these options imply.</summary>
    public SweepCoordinatorSettings CoordinatorSettings() => new()
    {
        LeasePeriod = Lease,
        JournalWritten = (latency, _) => SweepCluster.Telemetry.SweepTelemetry.RecordJournalWrite(latency),
    };

    /// <summary>The worker slots' settings these options imply.</summary>
    public TrialWorkerSettings WorkerSettings() => new()
    {
        Checkpoints = CheckpointEvery is > 0 && CheckpointDirectory is { } directory ? new TrialCheckpoints(directory, CheckpointEvery.Value) : null,
    };

    /// <summary>Checks what can be checked before binding a port.</summary>
    /// <exception cref="UserInputException">One sentence naming the option and the fix.</exception>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
            throw new UserInputException($"--port {Port} is not a TCP port; use 0 (any free port) or 1-65535.");
        if (string.IsNullOrWhiteSpace(Host))
            throw new UserInputException("--host is empty; give an address to bind, such as 127.0.0.1.");
        if (Lease <= TimeSpan.Zero)
            throw new UserInputException($"--lease {Lease} must be positive, such as 00:05:00.");
        if (CheckpointEvery is < 0)
            throw new UserInputException($"--checkpoint-every {CheckpointEvery} must be a number of epochs, 1 or more (0 turns checkpoints off).");
        if (CheckpointEvery is > 0 && CheckpointDirectory is null && HasRole(SweepRoles.Worker))
            throw new UserInputException("--checkpoint-every needs --checkpoint-dir on a worker: a folder for its trials' checkpoints that outlives the worker (e.g. on shared storage).");
        if (Roles.Length == 0)
            throw new UserInputException($"No role given; use {SweepRoles.Coordinator}, {SweepRoles.Worker}, or both.");
        foreach (var role in Roles)
            if (role is not (SweepRoles.Coordinator or SweepRoles.Worker))
                throw new UserInputException($"Role '{role}' is unknown; use {SweepRoles.Coordinator} or {SweepRoles.Worker}.");
        foreach (var seed in SeedNodes)
        {
            if (!ActorPath.TryParseAddress(seed, out var address) || address.Host is null || address.Port is null)
                throw new UserInputException(
                    $"Seed node '{seed}' is not an address; write it as akka.tcp://{ActorSystemName}@127.0.0.1:{DefaultSeedPort}.");
            if (address.System != ActorSystemName)
                throw new UserInputException(
                    $"Seed node '{seed}' names actor system '{address.System}' but this node is '{ActorSystemName}'; every node of a sweep must use the same name.");
        }
        // Alone, a worker would form a cluster with no coordinator and wait forever.
        if (SeedNodes.Length == 0 && !HasRole(SweepRoles.Coordinator))
            throw new UserInputException(
                $"A worker-only node needs --seed-nodes naming the coordinator, such as akka.tcp://{ActorSystemName}@127.0.0.1:{DefaultSeedPort}.");
    }
}
