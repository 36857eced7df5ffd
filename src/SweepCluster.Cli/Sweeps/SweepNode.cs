using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SweepCluster.Cluster;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Cluster.Telemetry;
using SweepCluster.Cluster.Workers;
using SweepCluster.Core;
using SweepCluster.Core.Results;
using SweepCluster.Core.Trials;
using SweepCluster.Sessions;
using SweepCluster.Telemetry;
using SweepCluster.Training.Running;

namespace SweepCluster.Cli.Sweeps;

/// <summary>What a node that holds the coordinator runs it with: the opened sweep (whose journal it writes), the plan,
/// and where ended trials go (the results folder, whose curve rows the metrics show).</summary>
internal sealed record CoordinatorRole(OpenedSweep Sweep, SweepPlan Plan, ISweepResultSink Sink);

/// <summary>One node of a sweep cluster in this process: the actor system with the roles its options name, the
/// coordinator singleton (when it has a plan) and one worker slot per device slot, all run by the real trainer.</summary>
internal sealed class SweepNode : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly MetricsEndpoint? _metrics;
    private readonly TaskCompletionSource<SweepSummary> _sweepFinished;

    private SweepNode(IHost host, IReadOnlyList<WorkerSlot> slots, MetricsEndpoint? metrics, TaskCompletionSource<SweepSummary> sweepFinished,
        JournalPause journalPause)
    {
        _host = host;
        JournalPause = journalPause;
        _metrics = metrics;
        _sweepFinished = sweepFinished;
        Slots = slots;
    }

    public IReadOnlyList<WorkerSlot> Slots { get; }

    /// <summary>How long the coordinator on this node has waited for its journal's database (nothing on a worker node).</summary>
    public JournalPause JournalPause { get; }

    /// <summary>On a worker node (no coordinator of its own): completes when the coordinator's sweep has finished.</summary>
    public Task<SweepSummary> SweepFinished => _sweepFinished.Task;

    /// <summary>The coordinator singleton, wherever it runs, through this node's proxy.</summary>
    public IActorRef Coordinator => _host.Services.GetRequiredService<ActorRegistry>().Get<SweepCoordinator>();

    /// <summary>The one typed configuration of a node, from its options and this machine's devices and cores.</summary>
    /// <exception cref="UserInputException">An option is wrong or a fixed port is taken, in one sentence.</exception>
    public static NodeConfiguration Configure(NodeOptions options)
    {
        var configuration = options.Build(DeviceSelection.VisibleCudaDevices(), Environment.ProcessorCount);
        if (options.ExposedWithoutTls)
            Console.Error.WriteLine($"sweepcluster: warning: --insecure: the cluster port on {options.Host} is plain TCP without authentication; any process that reaches it can join, take trials and send results.");
        return configuration;
    }

    /// <param name="logLevel">Akka's log level: errors only under a progress display, warnings on a standalone node.</param>
    public static async Task<SweepNode> StartAsync(NodeConfiguration configuration, CoordinatorRole? coordinator, NodeLogLevel logLevel)
    {
        var options = configuration.Cluster;
        var slots = configuration.Slots;
        var metrics = MetricsEndpoint.Start(configuration.MetricsHost, configuration.MetricsPort, configuration.MetricsPortsToTry, "--metrics-port");
        if (metrics is not null) Console.WriteLine($"metrics at {metrics.Url}");
        var sweepFinished = new TaskCompletionSource<SweepSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        var journalPause = new JournalPause();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.AddSweepTracing(coordinator is null ? "sweepcluster-worker" : "sweepcluster-coordinator", TracingEndpoint.FromEnvironment());
        builder.Services.AddAkka(options.ActorSystemName, akka =>
        {
            akka.WithLogLevel(logLevel);
            // A worker's command bounds its own stop (StopWithinAsync); Akka's process-exit hook would otherwise hold
            // the exit until every shutdown phase has timed out (up to 10 s for a leave that no one confirms).
            if (coordinator is null) akka.AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend);
            akka.ConfigureSweepCluster(options);
            if (coordinator is var (sweep, plan, sink))
                akka.WithSweepJournal(sweep.Journal.Settings).AddSweepCoordinator(plan, sink,
                    configuration.Coordinator with
                    {
                        JournalWritten = (latency, _) => SweepTelemetry.RecordJournalWrite(latency),
                        JournalOutageWindow = sweep.Journal.Settings.OutageWindow,
                        JournalUnreachable = journalPause.Observe,
                    });
            if (slots.Count > 0) akka.AddTrialWorkers(new TorchTrialRunner(), slots, configuration.Workers, coordinator is null ? sweepFinished : null);
            if (metrics is not null) akka.AddSweepTelemetry(observeSweep: coordinator is not null);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (Exception e) when (IsPortInUse(e))
        {
            host.Dispose();
            metrics?.Dispose();
            throw PortCheck.PortInUse(options.Host, options.Port);
        }
        return new SweepNode(host, slots, metrics, sweepFinished, journalPause);
    }

    /// <summary>Completes when this node is an Up member of a cluster.</summary>
    public Task Joined => _joined ??= JoinedTask();

    private Task? _joined;

    private Task JoinedTask()
    {
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(_host.Services.GetRequiredService<ActorSystem>()).RegisterOnMemberUp(() => joined.TrySetResult());
        return joined.Task;
    }

    /// <summary>Completes when this node's actor system ends on its own, e.g. when it was downed from the cluster.</summary>
    public Task Terminated => _host.Services.GetRequiredService<ActorSystem>().WhenTerminated;

    public Task<SweepStatusResponse> StatusAsync(TimeSpan timeout) =>
        Coordinator.Ask<SweepStatusResponse>(GetSweepStatus.Instance, timeout);

    /// <summary>Disposes the node, but waits at most <paramref name="budget"/> for it: a worker told to stop leaves the
    /// cluster in order when it can, and otherwise goes anyway (its trials go back once the coordinator sees it gone),
    /// rather than keep the user waiting on a leave that no one confirms. True when the node stopped within it.</summary>
    public async Task<bool> StopWithinAsync(TimeSpan budget)
    {
        var stopping = DisposeAsync().AsTask();
        return await Task.WhenAny(stopping, Task.Delay(budget)) == stopping;
    }

    /// <summary>Coordinated shutdown: leaves the cluster, stops the slots (cancelling running trials) and the system.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(30));
        _host.Dispose();
        _metrics?.Dispose();
    }

    private static bool IsPortInUse(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }
                || inner.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }
}
