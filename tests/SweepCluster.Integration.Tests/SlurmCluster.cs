using System.Diagnostics;
using System.Runtime.InteropServices;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Integration.Tests;

/// <summary>A private one-node Slurm cluster (Debian's slurm-wlm and munge, tests/scripts/slurm-cluster.sh): this host
/// is the controller and the only node, on free loopback ports, every file in a temporary folder. Needs root.</summary>
internal sealed class SlurmCluster : IDisposable
{
    private static readonly string Script = Path.Combine(TestRepository.Root, "tests", "scripts", "slurm-cluster.sh");
    private readonly string _folder = Directory.CreateTempSubdirectory("slurm-").FullName;

    public SlurmCluster()
    {
        if (geteuid() != 0)
            throw new InvalidOperationException(
                "the Slurm tests need root: slurmd runs the jobs and munged's key must be root's; run the tests as root (as CI does)");
        try
        {
            Run(TimeSpan.FromMinutes(2), Script, "start", _folder, Ports.Free().ToString(), Ports.Free().ToString());
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>What the client commands (sbatch, scontrol) need to find this cluster.</summary>
    public string Conf => Path.Combine(_folder, "slurm.conf");

    /// <summary>Runs a Slurm client command against this cluster; its standard output, or a failed assertion.</summary>
    public string Command(string command, params string[] arguments) => Command(command, new Dictionary<string, string>(), arguments);

    public string Command(string command, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var env = new Dictionary<string, string>(environment) { ["SLURM_CONF"] = Conf };
        return Run(TimeSpan.FromMinutes(1), command, arguments, env);
    }

    /// <summary>The fields of `scontrol show job -o JOBID` (JobState, ExitCode, Restarts, ...).</summary>
    public IReadOnlyDictionary<string, string> Job(string id)
    {
        string line = Command("scontrol", "show", "job", "-o", id).Trim();
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(field => field.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0])
            .ToDictionary(g => g.Key, g => g.First()[1]);
    }

    /// <summary>The states in which a job has ended for good (a requeued job passes through none of them).</summary>
    public static bool Ended(string state) => state is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMEOUT" or "NODE_FAIL"
        or "OUT_OF_MEMORY" or "BOOT_FAIL" or "DEADLINE" or "PREEMPTED";

    public string SlurmLogs()
    {
        string logs = Path.Combine(_folder, "log");
        return string.Join("\n", new[] { "slurmctld.log", "slurmd.log" }.Select(f => Path.Combine(logs, f)).Where(File.Exists)
            .Select(f => $"--- {Path.GetFileName(f)} (last lines)\n{string.Join('\n', File.ReadLines(f).TakeLast(30))}"));
    }

    /// <summary>Stops the daemons and the jobs they still run; called even when a test fails.</summary>
    public void Dispose()
    {
        try
        {
            Run(TimeSpan.FromMinutes(1), Script, "stop", _folder);
        }
        finally
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string Run(TimeSpan timeout, string script, params string[] arguments) =>
        Run(timeout, "bash", [script, .. arguments], new Dictionary<string, string>());

    private static string Run(TimeSpan timeout, string file, string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not end within {timeout.TotalSeconds:F0} s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stdout.Result}{stderr.Result}");
        return stdout.Result;
    }

    [DllImport("libc")]
    private static extern uint geteuid();
}
