using System.Diagnostics;
using System.Text;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Integration.Tests;

/// <summary>One sweepcluster process on loopback, its output captured, killed (SIGKILL) on dispose.</summary>
internal sealed class CliNode : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public CliNode(string name, params string[] arguments) : this(name, arguments, new Dictionary<string, string>())
    {
    }

    /// <param name="defaultMetricsPort">Keep the verb's default metrics port instead of turning metrics off.</param>
    /// <param name="ownProcessGroup">Start it as the leader of a process group of its own (through setsid), so that a
    /// signal can be sent to its whole group as a terminal or `timeout` sends it, without reaching the test runner.</param>
    /// <param name="prefix">A command that runs it, such as ["ip", "netns", "exec", NAME] for a host of a
    /// <see cref="TestNetwork"/>; it must exec the process (so its id stays the process's), as `ip netns exec` does.</param>
    public CliNode(string name, string[] arguments, IReadOnlyDictionary<string, string> environment, bool defaultMetricsPort = false,
        bool ownProcessGroup = false, string[]? prefix = null)
    {
        Name = name;
        var start = SweepclusterExecutable.StartInfo(arguments, defaultMetricsPort);
        if (ownProcessGroup)
        {
            start.ArgumentList.Insert(0, start.FileName);
            start.FileName = "setsid";
        }
        if (prefix is [var command, .. var rest])
        {
            start.ArgumentList.Insert(0, start.FileName);
            for (int i = rest.Length - 1; i >= 0; i--) start.ArgumentList.Insert(0, rest[i]);
            start.FileName = command;
        }
        foreach (var (key, value) in environment) start.Environment[key] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Sends <paramref name="signal"/> (e.g. 2 SIGINT, 15 SIGTERM) to the process, or to its whole process
    /// group (started with ownProcessGroup).</summary>
    public void Signal(int signal, bool wholeGroup = false)
    {
        if (kill(wholeGroup ? -_process.Id : _process.Id, signal) != 0) throw new InvalidOperationException($"kill({signal}) of {Name} failed");
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>SIGKILL: no shutdown hook runs, exactly like a crash or a preempted machine.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for the exit and then for the end of its output (the timed wait alone does not drain it).</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit();
        return true;
    }

    /// <summary>Waits for this process (a sweep's coordinator or `run`) to exit for as long as its sweep progresses
    /// (<see cref="SweepProgressWatchdog"/>): null when it exited, else why the wait gave up.</summary>
    /// <param name="slotsConnected">Whether worker slots are connected; by default, whether this node's last progress
    /// line shows slots at work.</param>
    public string? WaitForSweepEnd(string trialsJsonl, Func<bool>? slotsConnected = null)
    {
        var watchdog = new SweepProgressWatchdog(trialsJsonl) { SlotsConnected = slotsConnected ?? (() => SweepProgressWatchdog.SlotsBusy(Output)) };
        if (watchdog.WaitUntil(() => _process.HasExited) is { } stalled) return stalled;
        _process.WaitForExit();
        return null;
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.WaitForExit();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
