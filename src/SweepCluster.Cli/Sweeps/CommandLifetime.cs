using Microsoft.Extensions.Hosting;

namespace SweepCluster.Cli.Sweeps;

/// <summary>A node's host lifetime that leaves signals and the process's exit to the command. The default
/// ConsoleLifetime also takes Ctrl+C and SIGTERM (the command has <see cref="ShutdownSignal"/> for them), and its
/// process-exit handler holds the exit until the host has stopped: that undid a worker's stop budget
/// (<see cref="SweepNode.StopWithinAsync"/>), a signalled worker under load taking 5.5 s to exit against 3 s.</summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
