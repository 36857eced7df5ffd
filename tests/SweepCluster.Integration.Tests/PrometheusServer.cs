using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace SweepCluster.Integration.Tests;

/// <summary>Debian's /usr/bin/prometheus on a free loopback port, scraping one target every second into a temp
/// folder; killed and its folder removed on dispose.</summary>
internal sealed class PrometheusServer : IDisposable
{
    public const string Executable = "/usr/bin/prometheus";
    public const string Job = "sweepcluster";

    private readonly Process _process;
    private readonly string _folder = Directory.CreateTempSubdirectory("prometheus-").FullName;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public PrometheusServer(string target)
    {
        Assert.True(File.Exists(Executable),
            $"{Executable} is missing: the dashboard queries need a real Prometheus; install it with apt-get install prometheus (.ci/run does).");
        var config = Path.Combine(_folder, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: {Job}
                static_configs:
                  - targets: ["{target}"]
            """);
        var port = Ports.Free();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_folder, "data")}",
                     $"--web.listen-address=127.0.0.1:{port}",
                 })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The instant vector of <paramref name="query"/>; empty while Prometheus is not up yet.</summary>
    public IReadOnlyList<JsonElement> Query(string query)
    {
        try
        {
            var body = _http.GetStringAsync(new Uri(BaseAddress, "api/v1/query?query=" + Uri.EscapeDataString(query))).GetAwaiter().GetResult();
            using var document = JsonDocument.Parse(body);
            var data = document.RootElement.GetProperty("data");
            if (data.GetProperty("resultType").GetString() == "scalar") return [data.GetProperty("result").Clone()];
            return data.GetProperty("result").EnumerateArray().Select(e => e.Clone()).ToList();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return [];
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
