using Akka.Actor;
using SweepCluster.Cluster;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Cluster.Workers;
using SweepCluster.Core;
using SweepCluster.Core.Trials;
using SweepCluster.Sessions.Tls;

namespace SweepCluster.Sessions;

/// <summary>What the command line (or a benchmark) asks of one node, in the flags' own terms. Checked once, in one
/// sentence naming the flag, and turned once into the typed <see cref="NodeConfiguration"/> that goes down.</summary>
public sealed record NodeOptions
{
    public string ActorSystemName { get; init; } = SweepClusterOptions.DefaultActorSystemName;

    /// <summary>--host: the address the cluster port binds; 0.0.0.0 (or ::) binds every interface.</summary>
    public string Host { get; init; } = NodeAddresses.Loopback;

    /// <summary>--public-host: the address other nodes use to reach this one, when it differs from <see cref="Host"/>
    /// (every interface bound, NAT, containers).</summary>
    public string? PublicHost { get; init; }

    /// <summary>--metrics-host: the address /metrics binds; null: <see cref="Host"/> when that is loopback, else
    /// 127.0.0.1, so metrics leave the machine only when asked to.</summary>
    public string? MetricsHost { get; init; }

    /// <summary>--tls-cert: this node's PKCS#12 bundle; null: plain TCP.</summary>
    public string? TlsCertificateFile { get; init; }

    /// <summary>--tls-ca: the cluster's CA certificate; null: the one inside the bundle.</summary>
    public string? TlsAuthorityFile { get; init; }

    /// <summary>The bundle's password, from the environment (<see cref="NodeTlsFiles.PasswordVariable"/>); null: unset.</summary>
    public string? TlsPassword { get; init; }

    /// <summary>--insecure: bind an address other than loopback without TLS, on a network the user trusts.</summary>
    public bool Insecure { get; init; }

    /// <summary>Bound off loopback without TLS (allowed by <see cref="Insecure"/>): the command line warns.</summary>
    public bool ExposedWithoutTls => TlsCertificateFile is null && !NodeAddresses.IsLoopback(Host);

    /// <summary>--port; 0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Built from --seed; empty: this node forms a cluster of its own.</summary>
    public string[] SeedNodes { get; init; } = [];

    /// <summary>Roles of this node; the default plays every role in one process.</summary>
    public string[] Roles { get; init; } = [SweepRoles.Coordinator, SweepRoles.Worker];

    /// <summary>--slots; null means one per visible GPU, or one CPU slot per core (see <see cref="SlotPlan.For"/>).</summary>
    public int? Slots { get; init; }

    /// <summary>--devices: "auto", "cpu", or a list such as "cuda:0,cuda:1".</summary>
    public string Devices { get; init; } = SlotPlan.Auto;

    /// <summary>--threads per slot; null splits the cores between the slots.</summary>
    public int? ThreadsPerSlot { get; init; }

    /// <summary>--pack-size: trials of one pack key each slot trains at once; 1: one trial at a time.</summary>
    public int PackSize { get; init; } = Sessions.PackSize.Default;

    /// <summary>--lease: a running attempt that reports no progress for this long is given back.</summary>
    public TimeSpan Lease { get; init; } = SweepCoordinatorSettings.DefaultLeasePeriod;

    /// <summary>--checkpoint-every; null or 0: no checkpoints.</summary>
    public int? CheckpointEvery { get; init; }

    /// <summary>--checkpoint-dir (a node that owns a sweep folder uses DIR/checkpoints).</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>--metrics-port on <see cref="Host"/>; 0 serves no metrics.</summary>
    public int MetricsPort { get; init; }

    /// <summary>How many ports from <see cref="MetricsPort"/> upward /metrics may try: 1 for a port given explicitly
    /// (taken is then an error), more for a worker's default, so several workers fit on one machine.</summary>
    public int MetricsPortsToTry { get; init; } = 1;

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Checks what can be checked before binding a port.</summary>
    /// <exception cref="UserInputException">One sentence naming the flag and the fix.</exception>
    public void Validate()
    {
        if (MetricsPort is < 0 or > 65535)
            throw new UserInputException($"--metrics-port {MetricsPort} is not a TCP port; use 1-65535, or 0 to turn metrics off.");
        if (Port is < 0 or > 65535)
            throw new UserInputException($"--port {Port} is not a TCP port; use 0 (any free port) or 1-65535.");
        ValidateAddresses();
        if (Lease <= TimeSpan.Zero)
            throw new UserInputException($"--lease {Lease.TotalSeconds:0.###} must be positive, a number of seconds such as 300.");
        if (PackSize is < Sessions.PackSize.Min or > Sessions.PackSize.Max)
            throw new UserInputException($"--pack-size {PackSize} is not a pack size; give a whole number from {Sessions.PackSize.Min} (one trial at a time) to {Sessions.PackSize.Max}.");
        if (CheckpointEvery is < 0)
            throw new UserInputException($"--checkpoint-every {CheckpointEvery} must be a number of epochs, 1 or more (0 turns checkpoints off).");
        // A node that owns a sweep folder keeps checkpoints in it (DIR/checkpoints); a worker alone needs a folder.
        if (CheckpointEvery is > 0 && CheckpointDirectory is null && HasRole(SweepRoles.Worker) && !HasRole(SweepRoles.Coordinator))
            throw new UserInputException("--checkpoint-every needs --checkpoint-dir on a worker: a folder for its trials' checkpoints that outlives the worker (e.g. on shared storage).");
        if (Roles.Length == 0)
            throw new UserInputException($"No role given; use {SweepRoles.Coordinator}, {SweepRoles.Worker}, or both.");
        foreach (var role in Roles)
            if (role is not (SweepRoles.Coordinator or SweepRoles.Worker))
                throw new UserInputException($"Role '{role}' is unknown; use {SweepRoles.Coordinator} or {SweepRoles.Worker}.");
        string protocol = ClusterTls.Protocol(TlsCertificateFile is not null);
        foreach (var seed in SeedNodes)
        {
            if (!ActorPath.TryParseAddress(seed, out var address) || address.Host is null || address.Port is null)
                throw new UserInputException(
                    $"Seed node '{seed}' is not an address; write it as akka.tcp://{ActorSystemName}@{NodeAddresses.Loopback}:{SweepClusterOptions.DefaultSeedPort}.");
            if (address.System != ActorSystemName)
                throw new UserInputException(
                    $"Seed node '{seed}' names actor system '{address.System}' but this node is '{ActorSystemName}'; every node of a sweep must use the same name.");
            if (address.Protocol != protocol)
                throw new UserInputException(
                    $"Seed node '{seed}' speaks {address.Protocol} but this node speaks {protocol}; every node of a sweep uses --tls-cert, or none does.");
        }
        // Alone, a worker would form a cluster with no coordinator and wait forever.
        if (SeedNodes.Length == 0 && !HasRole(SweepRoles.Coordinator))
            throw new UserInputException(
                $"A worker-only node needs --seed naming the coordinator, such as --seed {NodeAddresses.Loopback}:{SweepClusterOptions.DefaultSeedPort}.");
    }

    /// <summary>The addresses: what is bound, what is advertised, and whether leaving loopback is secured.</summary>
    private void ValidateAddresses()
    {
        if (string.IsNullOrWhiteSpace(Host))
            throw new UserInputException($"--host is empty; give an address to bind, such as {NodeAddresses.Loopback}.");
        if (PublicHost is not null && (string.IsNullOrWhiteSpace(PublicHost) || NodeAddresses.IsAny(PublicHost)))
            throw new UserInputException($"--public-host '{PublicHost}' is not an address other nodes can reach; give this machine's address or name, e.g. --public-host 10.0.0.5.");
        if (NodeAddresses.IsAny(Host) && PublicHost is null)
            throw new UserInputException($"--host {Host} binds every interface but names none that other nodes can reach; add --public-host with this machine's address or name, e.g. --public-host 10.0.0.5.");
        if (MetricsHost is not null && string.IsNullOrWhiteSpace(MetricsHost))
            throw new UserInputException($"--metrics-host is empty; give an address for /metrics, such as {NodeAddresses.Loopback} (or 0.0.0.0 for every interface).");
        if (TlsAuthorityFile is not null && TlsCertificateFile is null)
            throw new UserInputException("--tls-ca needs --tls-cert: give this node's bundle too (e.g. --tls-cert node.p12 --tls-ca ca.crt).");
        if (TlsCertificateFile is not null && TlsPassword is null)
            throw new UserInputException($"--tls-cert {TlsCertificateFile} needs the bundle's password in the environment variable {NodeTlsFiles.PasswordVariable}; export it there (it is never given as a flag).");
        if (ExposedWithoutTls && !Insecure)
            throw new UserInputException($"--host {Host} opens this node's cluster port beyond this machine without TLS, so anyone who reaches it could join; give --tls-cert NODE.p12 (made by 'sweepcluster certs'), or --insecure on a network you trust.");
    }

    /// <summary>Checks the options and the ports, plans the slots, and builds the one typed configuration of this node.</summary>
    /// <param name="visibleCudaDevices">CUDA devices this machine shows.</param>
    /// <param name="cores">This machine's cores.</param>
    /// <exception cref="UserInputException">An option is wrong or a fixed port is taken, in one sentence.</exception>
    public NodeConfiguration Build(IReadOnlyList<DeviceId> visibleCudaDevices, int cores)
    {
        Validate();
        var slots = HasRole(SweepRoles.Worker)
            ? SlotPlan.For(Slots, Devices, visibleCudaDevices, cores, ThreadsPerSlot)
            : [];
        var cluster = new SweepClusterOptions
        {
            ActorSystemName = ActorSystemName,
            Host = Host,
            PublicHost = PublicHost,
            Port = Port,
            SeedNodes = SeedNodes,
            Roles = Roles,
            Tls = TlsCertificateFile is { } certificate ? NodeTlsFiles.Load(certificate, TlsAuthorityFile, TlsPassword) : null,
        };
        string metricsHost = MetricsHost ?? (NodeAddresses.IsLoopback(Host) ? Host : NodeAddresses.Loopback);
        // A taken port is found before a folder is made, so the usual reason a node cannot start leaves nothing behind.
        // A metrics port searched from a default is found when it is bound, so only a fixed one is checked here.
        PortCheck.EnsureFree(cluster.Host, cluster.Port, 0);
        if (MetricsPortsToTry == 1) PortCheck.EnsureFree(metricsHost, 0, MetricsPort);
        return new NodeConfiguration(cluster, slots, new SweepCoordinatorSettings { LeasePeriod = Lease }, CheckpointEvery ?? 0, CheckpointDirectory, MetricsPort)
        {
            PackSize = PackSize,
            MetricsPortsToTry = MetricsPortsToTry,
            MetricsHost = metricsHost,
        };
    }
}

/// <summary>One node, configured: the actor system's settings, its worker slots, the coordinator's settings (used
/// when it holds the coordinator), where its trials keep checkpoints, and the port of its /metrics (0: none).</summary>
public sealed record NodeConfiguration(
    SweepClusterOptions Cluster,
    IReadOnlyList<WorkerSlot> Slots,
    SweepCoordinatorSettings Coordinator,
    int CheckpointEvery,
    string? CheckpointDirectory,
    int MetricsPort)
{
    /// <summary>Ports /metrics may try from <see cref="MetricsPort"/> upward (1: that port only).</summary>
    public int MetricsPortsToTry { get; init; } = 1;

    /// <summary>Trials of one pack key each worker slot trains at once (1: one at a time).</summary>
    public int PackSize { get; init; } = Sessions.PackSize.Min;

    /// <summary>The address /metrics binds (0.0.0.0: every interface).</summary>
    public string MetricsHost { get; init; } = NodeAddresses.Loopback;

    /// <summary>This configuration for a node that owns the sweep folder <paramref name="dir"/>: its trials keep
    /// checkpoints in DIR/checkpoints unless told otherwise.</summary>
    public NodeConfiguration InFolder(string dir) => this with { CheckpointDirectory = CheckpointDirectory ?? Path.Combine(dir, "checkpoints") };

    /// <summary>The worker slots' settings.</summary>
    public TrialWorkerSettings Workers => new()
    {
        PackSize = PackSize,
        Checkpoints = CheckpointEvery > 0 && CheckpointDirectory is { } directory ? new TrialCheckpoints(directory, CheckpointEvery) : null,
    };
}
