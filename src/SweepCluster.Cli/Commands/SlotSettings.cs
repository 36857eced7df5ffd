using System.ComponentModel;
using Spectre.Console.Cli;
using SweepCluster.Sessions;

namespace SweepCluster.Cli.Commands;

/// <summary>Options every node that may run trials shares: its slots, devices, threads, address and lease.</summary>
public class SlotSettings : CommandSettings
{
    [CommandOption("--slots <N>")]
    [Description("CPU worker slots on this node (default: one per visible GPU, else one).")]
    public int? Slots { get; init; }

    [CommandOption("--devices <LIST>")]
    [Description("auto (default), cpu, or a list such as cuda:0,cuda:1.")]
    public string Devices { get; init; } = "auto";

    [CommandOption("--threads <N>")]
    [Description("Torch threads per slot (default: the cores split between the slots).")]
    public int? Threads { get; init; }

    [CommandOption("--host <ADDRESS>")]
    [Description("Address to bind (default 127.0.0.1; another address exposes the node).")]
    public string Host { get; init; } = "127.0.0.1";

    [CommandOption("--lease <SECONDS>")]
    [Description("A running trial that reports no progress for this long is given back (default 300).")]
    public double LeaseSeconds { get; init; } = 300;

    [CommandOption("--checkpoint-every <EPOCHS>")]
    [Description("Save each running trial's training state every EPOCHS epochs, so a resumed trial continues from it (default 0: off).")]
    public int CheckpointEvery { get; init; }

    [CommandOption("--metrics-port <PORT>")]
    [Description("Port of this node's Prometheus /metrics on --host (default 9464 coordinator, 9465 worker, 9466 run; 0: off).")]
    public int? MetricsPort { get; init; }

    /// <param name="defaultMetricsPort">The verb's documented default for <see cref="MetricsPort"/>.</param>
    /// <param name="defaultPortsToTry">Ports tried from the default upward when --metrics-port is not given.</param>
    public NodeOptions Apply(NodeOptions options, int defaultMetricsPort, int defaultPortsToTry = 1)
    {
        options.MetricsPort = MetricsPort ?? defaultMetricsPort;
        options.MetricsPortsToTry = MetricsPort is null ? defaultPortsToTry : 1;
        options.CheckpointEvery = CheckpointEvery;
        options.Slots = Slots;
        options.Devices = Devices;
        options.ThreadsPerSlot = Threads;
        options.Host = Host;
        options.Lease = TimeSpan.FromSeconds(LeaseSeconds);
        return options;
    }
}
