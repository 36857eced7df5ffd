using System.ComponentModel;
using Spectre.Console.Cli;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Sessions;
using SweepCluster.Sessions.Tls;
using SweepCluster.Telemetry;

namespace SweepCluster.Cli.Commands;

/// <summary>Options every node that may run trials shares: its slots, devices, threads, address and lease.</summary>
internal class SlotSettings : CommandSettings
{
    [CommandOption("--slots <N>")]
    [Description("CPU worker slots on this node (default: one single-thread slot per core, or per --threads cores; with GPUs, one slot per visible GPU).")]
    public int? Slots { get; init; }

    [CommandOption("--devices <LIST>")]
    [Description($"{SlotPlan.Auto} (default), cpu, or a list such as cuda:0,cuda:1.")]
    public string Devices { get; init; } = SlotPlan.Auto;

    [CommandOption("--threads <N>")]
    [Description("Torch threads per slot (default: the cores split between the slots).")]
    public int? Threads { get; init; }

    [CommandOption("--pack-size <N>")]
    [DescriptionOf("Trials a slot trains at once as one batched network, among those equal but for seed and noise levels ({0}-{1}, default {2}; {0}: one trial at a time; adam trials always run alone).",
        Sessions.PackSize.Min, Sessions.PackSize.Max, Sessions.PackSize.Default)]
    public int PackSize { get; init; } = Sessions.PackSize.Default;

    [CommandOption("--host <ADDRESS>")]
    [Description($"Address the cluster port binds (default {NodeAddresses.Loopback}; 0.0.0.0 binds every interface and needs --public-host; any address but loopback needs --tls-cert or --insecure).")]
    public string Host { get; init; } = NodeAddresses.Loopback;

    [CommandOption("--public-host <ADDRESS>")]
    [Description("Address other nodes reach this one at, when it differs from --host (required with --host 0.0.0.0; containers, NAT).")]
    public string? PublicHost { get; init; }

    [CommandOption("--metrics-host <ADDRESS>")]
    [Description($"Address of /metrics (default: --host when it is loopback, else {NodeAddresses.Loopback}; 0.0.0.0: every interface).")]
    public string? MetricsHost { get; init; }

    [CommandOption("--tls-cert <FILE>")]
    [Description("This node's PKCS#12 bundle (from 'sweepcluster certs'): mutual TLS on the cluster port, every peer checked against the cluster's CA. Its password is read from SWEEPCLUSTER_TLS_PASSWORD.")]
    public string? TlsCert { get; init; }

    [CommandOption("--tls-ca <FILE>")]
    [Description("The cluster's CA certificate (ca.crt) that peers must chain to (default: the CA inside the --tls-cert bundle).")]
    public string? TlsCa { get; init; }

    [CommandOption("--insecure")]
    [Description("Allow --host off loopback without TLS (plain, unauthenticated TCP: only on a network you trust).")]
    public bool Insecure { get; init; }

    [CommandOption("--lease <SECONDS>")]
    [DescriptionOf("A running trial that reports no progress for this long is given back (default {0}).", SweepCoordinatorSettings.DefaultLeaseSeconds)]
    public double LeaseSeconds { get; init; } = SweepCoordinatorSettings.DefaultLeaseSeconds;

    [CommandOption("--checkpoint-every <EPOCHS>")]
    [Description("Save each running trial's training state every EPOCHS epochs, so a resumed trial continues from it (default 0: off).")]
    public int CheckpointEvery { get; init; }

    [CommandOption("--metrics-port <PORT>")]
    [DescriptionOf("Port of this node's Prometheus /metrics on --metrics-host (default {0} coordinator, {1} worker, {2} run; 0: off).",
        MetricsEndpoint.CoordinatorDefaultPort, MetricsEndpoint.WorkerDefaultPort, MetricsEndpoint.RunDefaultPort)]
    public int? MetricsPort { get; init; }

    /// <param name="defaultMetricsPort">The verb's documented default for <see cref="MetricsPort"/>.</param>
    /// <param name="defaultPortsToTry">Ports tried from the default upward when --metrics-port is not given.</param>
    public NodeOptions Apply(NodeOptions options, int defaultMetricsPort, int defaultPortsToTry = 1) =>
        options with
        {
            MetricsPort = MetricsPort ?? defaultMetricsPort,
            MetricsPortsToTry = MetricsPort is null ? defaultPortsToTry : 1,
            CheckpointEvery = CheckpointEvery,
            Slots = Slots,
            Devices = Devices,
            ThreadsPerSlot = Threads,
            PackSize = PackSize,
            Host = Host,
            PublicHost = PublicHost,
            MetricsHost = MetricsHost,
            TlsCertificateFile = TlsCert,
            TlsAuthorityFile = TlsCa,
            // Read here, at the edge, and only when a bundle is given; it is never printed.
            TlsPassword = TlsCert is null ? null : Environment.GetEnvironmentVariable(NodeTlsFiles.PasswordVariable),
            Insecure = Insecure,
            Lease = TimeSpan.FromSeconds(LeaseSeconds),
        };
}
