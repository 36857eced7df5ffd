using System.Diagnostics;
using System.Globalization;

namespace SweepCluster.Benchmarks;

/// <summary>torch_peer.py running in a Debian python3 of its own, in a fresh temporary folder (removed on dispose): one
/// process for the whole benchmark, asked for one training run at a time, so the peer is warm as the trainer is. The
/// trainer benchmark's settings are handed to it on its command line, so both train the same thing.</summary>
internal sealed class TorchPeer : IDisposable
{
    private const string Script = "torch_peer.py";
    // Debian's own python: python3-torch installs for it, not for a python3 that a PATH may put first (pyenv, venvs).
    private const string Python = "/usr/bin/python3";
    private readonly Process _python;
    private readonly string _folder;

    private TorchPeer(Process python, string folder, string version)
    {
        (_python, _folder, Version) = (python, folder, version);
    }

    public string Version { get; }

    /// <summary>Installs Debian's python3-torch with apt-get when python3 cannot import torch; false (and says why)
    /// when it still cannot.</summary>
    public static bool EnsureTorch()
    {
        if (Exit(Python, "-c \"import torch\"", quiet: true) == 0) return true;
        Console.WriteLine($"{Python} cannot import torch: installing Debian's python3-torch with apt-get ...");
        if (Exit("apt-get", "install -y -q python3-torch") == 0 && Exit(Python, "-c \"import torch\"", quiet: true) == 0) return true;
        Console.WriteLine($"The PyTorch peer cannot run: `apt-get install python3-torch` did not give {Python} a torch it can import (it needs root and Debian's package lists).");
        return false;
    }

    public static TorchPeer Start()
    {
        string folder = Directory.CreateTempSubdirectory("sweepcluster-peer-").FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, Script), Path.Combine(folder, Script));
        var start = new ProcessStartInfo(Python) { WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Script);
        foreach (double setting in new double[]
                 {
                     TrainerEpochBenchmark.TrainSize, TrainerEpochBenchmark.BatchSize, TrainerEpochBenchmark.Dimension, TrainerEpochBenchmark.Classes,
                     TrainerEpochBenchmark.LearningRate, TrainerEpochBenchmark.Clip, TrainerEpochBenchmark.SgldNoise, TrainerEpochBenchmark.ActNoise,
                 })
            start.ArgumentList.Add(setting.ToString(CultureInfo.InvariantCulture));
        var python = Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start.");
        string version = python.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"{Script} ended before it started.");
        return new TorchPeer(python, folder, version);
    }

    /// <summary>Trains a fresh pack (one trial: plain PyTorch; more: batched) for 1 + <paramref name="laterEpochs"/>
    /// epochs; its epochs on the wall clock and in CPU time.</summary>
    public (PeerBenchmark.Epochs Wall, PeerBenchmark.Epochs Cpu) Train(int depth, int width, int pack, int laterEpochs, int seed)
    {
        _python.StandardInput.WriteLine($"{depth} {width} {pack} {laterEpochs} {seed}");
        _python.StandardInput.Flush();
        double[] answer = (_python.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"{Script} ended early."))
            .Split(' ').Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        return (new PeerBenchmark.Epochs(answer[0], answer[1]), new PeerBenchmark.Epochs(answer[2], answer[3]));
    }

    public void Dispose()
    {
        _python.StandardInput.Close();
        if (!_python.WaitForExit(10_000)) _python.Kill();
        _python.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int Exit(string file, string arguments, bool quiet = false)
    {
        try
        {
            var start = new ProcessStartInfo(file, arguments) { RedirectStandardError = quiet, Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" } };
            using var process = Process.Start(start)!;
            if (quiet) process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1; // not installed
        }
    }
}
