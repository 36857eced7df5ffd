using System.Runtime.InteropServices;

namespace SweepCluster.Cli.Sweeps;

/// <summary>Turns SIGINT (Ctrl+C) and SIGTERM into a cancellation, so the command can shut the cluster node down
/// in order instead of the runtime killing the process mid-write.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public ShutdownSignal()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>Every signal after the first (a second Ctrl+C, or one signal delivered to the whole process group by
    /// `timeout -s INT`) is taken the same way: the stop is already under way.</summary>
    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        _source.Cancel();
    }

    /// <summary>Unregisters the handlers. The token source is not disposed: a signal already being handled on another
    /// thread would cancel a disposed source (the ObjectDisposedException that `timeout -s INT` used to provoke).</summary>
    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }
}
