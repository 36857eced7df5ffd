using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SweepCluster.Integration.Tests;

/// <summary>Hosts of a private network on this machine, one network namespace each, for a test that needs separate
/// machines: every host has loopback and an eth0 with an address of 198.18.0.0/15 (reserved for network tests), and
/// the eth0s are veth pairs whose other ends sit on a Linux bridge in a namespace of its own. Nothing is added to the
/// root namespace, so no packet of the test leaves the namespaces it made. <see cref="Dispose"/> removes the
/// iptables rules, the bridge, the veth pairs and the namespaces (whatever part of that exists); a run that died before
/// it could clean up leaves namespaces named with its process id, which the next run removes (<see cref="RemoveLeftovers"/>).
/// Needs root.</summary>
internal sealed class TestNetwork : IDisposable
{
    /// <summary>Every namespace of a test network begins with this, then the test process's id.</summary>
    public const string Prefix = "sc-net-";

    private const string Bridge = "br0";
    private const string Interface = "eth0";
    private const int CloneNewNet = 0x40000000;

    private readonly List<string> _namespaces = [];
    private readonly Dictionary<string, string> _addresses = [];
    private readonly HashSet<string> _cutOff = [];

    /// <summary>Namespaces NAME-HOST for <paramref name="hosts"/>, in order at 198.18.0.1, .2, ..., and NAME-bridge.</summary>
    public TestNetwork(params string[] hosts)
    {
        if (geteuid() != 0)
            throw new InvalidOperationException("This test makes network namespaces, a bridge and iptables rules, which needs root: run it as root (as CI and the development machines do).");
        RemoveLeftovers();
        Name = $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        try
        {
            string bridge = Add("bridge");
            Run("ip", "-n", bridge, "link", "set", "lo", "up");
            Run("ip", "-n", bridge, "link", "add", Bridge, "type", "bridge");
            Run("ip", "-n", bridge, "link", "set", Bridge, "up");
            for (int i = 0; i < hosts.Length; i++)
            {
                string host = Add(hosts[i]), port = $"port-{i + 1}", address = $"198.18.0.{i + 1}";
                Run("ip", "-n", host, "link", "set", "lo", "up");
                // Made inside the host's namespace with its peer put straight into the bridge's: never in the root one.
                Run("ip", "-n", host, "link", "add", Interface, "type", "veth", "peer", "name", port, "netns", bridge);
                Run("ip", "-n", bridge, "link", "set", port, "master", Bridge);
                Run("ip", "-n", bridge, "link", "set", port, "up");
                Run("ip", "-n", host, "addr", "add", $"{address}/24", "dev", Interface);
                Run("ip", "-n", host, "link", "set", Interface, "up");
                _addresses[hosts[i]] = address;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>This network's prefix: sc-net-PID-RANDOM; its namespaces are NAME-HOST.</summary>
    public string Name { get; }

    public IReadOnlyList<string> Namespaces => _namespaces;

    public string Address(string host) => _addresses[host];

    public string Namespace(string host) => $"{Name}-{host}";

    /// <summary>The command that runs a process on <paramref name="host"/> (see <see cref="CliNode"/>'s prefix).</summary>
    public string[] On(string host) => ["ip", "netns", "exec", Namespace(host)];

    /// <summary>Cuts <paramref name="host"/> off the network: its iptables drop every packet in and out but its loopback's.</summary>
    public void CutOff(string host)
    {
        _cutOff.Add(host);
        foreach (var rule in CutRules) Run(["ip", "netns", "exec", Namespace(host), "iptables", "-w", "-A", .. rule]);
    }

    /// <summary>Removes <see cref="CutOff"/>'s rules.</summary>
    public void Heal(string host)
    {
        foreach (var rule in CutRules) Run(["ip", "netns", "exec", Namespace(host), "iptables", "-w", "-D", .. rule]);
        _cutOff.Remove(host);
    }

    /// <summary>The iptables rules of <paramref name="host"/> (iptables -S), to show that none is left.</summary>
    public string Rules(string host) => Run("ip", "netns", "exec", Namespace(host), "iptables", "-w", "-S");

    private static readonly string[][] CutRules =
    [
        ["INPUT", "!", "-i", "lo", "-j", "DROP"],
        ["OUTPUT", "!", "-o", "lo", "-j", "DROP"],
    ];

    /// <summary>Runs <paramref name="action"/> on a thread of this process moved into <paramref name="host"/>'s network
    /// namespace, so the sockets it opens are that host's (e.g. a bare TLS client of <see cref="TlsProbe"/>).</summary>
    public T OnHost<T>(string host, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle(Path.Combine("/var/run/netns", Namespace(host)));
                if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                    throw new InvalidOperationException($"setns into {Namespace(host)} failed: errno {Marshal.GetLastPInvokeError()}");
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true };
        // The thread ends with the action, and its namespace with it: no other work of this process runs on it.
        thread.Start();
        thread.Join();
        if (failure is not null) throw new InvalidOperationException($"on {host}: {failure.Message}", failure);
        return result;
    }

    /// <summary>Removes the rules, the bridge, the veth pairs and the namespaces, tolerating any that is missing; the
    /// processes still in a namespace (the test's own, should one have outlived its handle) are killed first.</summary>
    public void Dispose()
    {
        foreach (string host in _cutOff.ToList())
            foreach (var rule in CutRules) TryRun(["ip", "netns", "exec", Namespace(host), "iptables", "-w", "-D", .. rule]);
        _cutOff.Clear();
        foreach (string ns in _namespaces.Where(n => !n.EndsWith("-bridge", StringComparison.Ordinal)))
            TryRun("ip", "-n", ns, "link", "del", Interface);
        string bridge = $"{Name}-bridge";
        if (_namespaces.Contains(bridge)) TryRun("ip", "-n", bridge, "link", "del", Bridge);
        foreach (string ns in _namespaces.AsEnumerable().Reverse()) Remove(ns);
        _namespaces.Clear();
    }

    /// <summary>The test networks' namespaces that exist now.</summary>
    public static IReadOnlyList<string> Existing() =>
        Directory.Exists("/var/run/netns")
            ? Directory.GetFiles("/var/run/netns").Select(f => Path.GetFileName(f)).Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToList()
            : [];

    /// <summary>Removes the namespaces left by a test process that is gone (killed before its cleanup ran).</summary>
    public static void RemoveLeftovers()
    {
        foreach (string ns in Existing())
        {
            // A live process's network is its own to remove (this one's too: another test of it may be using it).
            if (int.TryParse(ns[Prefix.Length..].Split('-')[0], out int owner) && Directory.Exists($"/proc/{owner}")) continue;
            Remove(ns);
        }
    }

    private static void Remove(string ns)
    {
        // The processes a test started there; a namespace lives on while a process is in it.
        foreach (string pid in TryRun("ip", "netns", "pids", ns).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (int.TryParse(pid, out int id)) kill(id, 9);
        TryRun("ip", "netns", "del", ns);
    }

    private string Add(string host)
    {
        string ns = Namespace(host);
        Run("ip", "netns", "add", ns);
        _namespaces.Add(ns);
        return ns;
    }

    private static string Run(params string[] command)
    {
        var (code, output) = Execute(command);
        if (code != 0) throw new InvalidOperationException($"{string.Join(' ', command)} failed (exit code {code}): {output}");
        return output;
    }

    private static string TryRun(params string[] command) => Execute(command).Output;

    private static (int Code, string Output) Execute(string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in command.Skip(1)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setns(int fd, int nstype);

    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc")]
    private static extern int kill(int pid, int signal);
}
