using System.Diagnostics;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Integration.Tests;

/// <summary>A private PostgreSQL server from Debian's package (tests/scripts/postgres-server.sh) on a free loopback
/// port, with a database "sweeps", for one test: the test may stop it (a failing database) and start it again.</summary>
internal sealed class PostgresServer : IDisposable
{
    private static readonly string Script = Path.Combine(TestRepository.Root, "tests", "scripts", "postgres-server.sh");
    private readonly string _folder = Directory.CreateTempSubdirectory("postgres-").FullName;
    private bool _running;

    public PostgresServer()
    {
        Port = Ports.Free();
        Run("start", _folder, Port.ToString());
        _running = true;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=sweeps;Username=postgres;Timeout=5";

    /// <summary>Stops the server at once, as a crash would: open connections break, new ones are refused.</summary>
    public void Stop()
    {
        Run("stop", _folder);
        _running = false;
    }

    public void Restart()
    {
        Run("restart", _folder, Port.ToString());
        _running = true;
    }

    public void Dispose()
    {
        if (_running) Run("stop", _folder);
        Directory.Delete(_folder, recursive: true);
    }

    private static void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)) || process.ExitCode != 0)
            Assert.Fail($"postgres-server.sh {string.Join(' ', arguments)} failed ({(process.HasExited ? process.ExitCode : "timed out")}): {stdout.Result}{stderr.Result}");
    }
}
