using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SweepCluster.Benchmarks;

/// <summary>A cluster of the size users run, on loopback: one coordinator process (SQLite journal, no slots) and
/// PROCESSES worker processes sharing SLOTS no-op slots, through a sweep of TRIALS trials. Prints the coordinator's
/// trials per second and CPU per trial, and the slots' wait from their request for work to its assignment (median
/// and 99th percentile, timed at the slot), over the steady window from 10% to 90% of the trials ended.</summary>
internal static class ClusterBenchmark
{
    public static async Task RunAsync(int slots, int processes, int trials)
    {
        if (processes < 1 || slots < processes || slots % processes != 0)
            throw new ArgumentException("SLOTS must be a positive multiple of PROCESSES.");
        if (trials < BenchmarkSpec.TrialsPerSeed || trials % BenchmarkSpec.TrialsPerSeed != 0)
            throw new ArgumentException($"TRIALS must be a multiple of {BenchmarkSpec.TrialsPerSeed}.");
        string folder = Directory.CreateTempSubdirectory("sweepcluster-cluster-bench-").FullName;
        try
        {
            string loadBefore = BenchmarkHost.LoadAverages();
            string spec = BenchmarkSpec.Write(folder, trials / BenchmarkSpec.TrialsPerSeed);
            string port = FreePort().ToString(CultureInfo.InvariantCulture);
            // A coordinator that fails takes the workers down with it, rather than leaving them asking forever.
            using var abort = new CancellationTokenSource();
            var coordinator = ChildRun.RunAsync(["cluster-coordinator", spec, Path.Combine(folder, "sweep"), port], abort.Token);
            _ = coordinator.ContinueWith(_ => abort.Cancel(), TaskContinuationOptions.OnlyOnFaulted);
            var files = Enumerable.Range(0, processes).Select(i => Path.Combine(folder, $"waits-{i}.txt")).ToList();
            var workers = files.Select(file => ChildRun.RunAsync(
                ["cluster-worker", port, (slots / processes).ToString(CultureInfo.InvariantCulture), file], abort.Token)).ToList();
            var c = await coordinator;
            await Task.WhenAll(workers);

            double from = c["window_from_unix_ms"], to = c["window_to_unix_ms"], windowS = (to - from) / 1000;
            var waits = files.SelectMany(File.ReadLines).Select(line => line.Split(' '))
                .Where(p => double.Parse(p[0], CultureInfo.InvariantCulture) is var at && at >= from && at <= to)
                .Select(p => double.Parse(p[1], CultureInfo.InvariantCulture)).Order().ToList();
            Console.WriteLine($"{trials} no-op trials, {slots} slots over {processes} worker processes and a coordinator (SQLite journal) on loopback; " +
                              $"{Environment.ProcessorCount} cores, load {loadBefore} before, {BenchmarkHost.LoadAverages()} after");
            Console.WriteLine($"steady window ({ClusterPhases.WindowStart:P0}-{ClusterPhases.WindowEnd:P0} of the trials ended): " +
                              $"{c["window_trials"] / windowS:F0} trials/s over {windowS:F1} s, coordinator CPU {c["window_cpu_ms"] / c["window_trials"]:F3} ms per trial");
            Console.WriteLine($"request to assignment, at the slot: median {Percentile(waits, 0.5):F2} ms, p99 {Percentile(waits, 0.99):F2} ms " +
                              $"({waits.Count} assignments in the window)");
            Console.WriteLine($"whole sweep: {c["completed"]:F0} completed in {c["ms"] / 1000:F1} s ({c["completed"] / c["ms"] * 1000:F0} trials/s), " +
                              $"coordinator CPU {c["cpu_ms"] / trials:F3} ms per trial; {c["writes"]:F0} journal writes of {c["events"]:F0} events " +
                              $"({c["events"] / c["writes"]:F2} per write); coordinator peak RSS {c["peak_rss_mb"]:F0} MB");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Percentile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
