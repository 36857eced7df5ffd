using System.Diagnostics;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Telemetry.Tests;

/// <summary>The deployment files are checked by the tools that read them (CI installs both from Debian).</summary>
public sealed class DeploymentFileTests
{
    [Fact]
    public void Compose_file_validates_with_docker_compose()
    {
        var (code, output) = Run("docker-compose", "Install it with apt-get install docker-compose.", "config", "-q");
        Assert.True(code == 0, $"docker-compose config rejects docker-compose.yml:\n{output}");
    }

    [Fact]
    public void Prometheus_config_passes_promtool()
    {
        var (code, output) = Run("promtool", "Install it with apt-get install prometheus.",
            "check", "config", Path.Combine("deploy", "prometheus", "prometheus.yml"));
        Assert.True(code == 0, $"promtool rejects deploy/prometheus/prometheus.yml:\n{output}");
    }

    private static (int Code, string Output) Run(string tool, string install, params string[] arguments)
    {
        var path = Path.Combine("/usr/bin", tool);
        Assert.True(File.Exists(path), $"{path} is missing, so the deployment files cannot be checked. {install}");
        var start = new ProcessStartInfo(path)
        {
            WorkingDirectory = TestRepository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
