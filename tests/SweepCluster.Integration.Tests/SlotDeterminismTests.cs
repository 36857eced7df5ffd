namespace SweepCluster.Integration.Tests;

/// <summary>The same sweep run by `run` with one slot, one trial at a time, and with two slots training packs gives
/// identical per-trial numbers.</summary>
public sealed class SlotDeterminismTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("slots-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void One_slot_alone_and_two_slots_in_packs_give_identical_trials()
    {
        string spec = Path.Combine(_folder, "slots.yaml");
        File.WriteAllText(spec, """
            name: slots
            dataset:
              classes: 3
              dimension: 6
              test_size: 300
            training:
              optimizer: sgld
              epochs: 5
              clip: 5
            information:
              eval_points: 64
              noise_paths: 2
            grid:
              depth: [1, 3]
              width: [4, 8]
              act_noise: [0, 1.0]
              sgld_noise: 0.01
              train_size: 300
            seeds: 2
            """);
        var one = Run(spec, "one", slots: 1, pack: 1);
        var two = Run(spec, "two", slots: 2, pack: 4);
        Assert.Equal(16, one.Count);
        Assert.Equal(one.Keys.Order(), two.Keys.Order());
        foreach (var (id, result) in one) Assert.Equal(result, two[id]);
    }

    /// <summary>Each trial's numbers (its line without timings and pack size), by trial id.</summary>
    private IReadOnlyDictionary<string, string> Run(string spec, string name, int slots, int pack)
    {
        string results = Path.Combine(_folder, name);
        using var run = new CliNode(name, "run", spec, "--out", results, "--slots", slots.ToString(), "--threads", "1",
            "--pack-size", pack.ToString(), "--metrics-port", "0");
        string? stalled = run.WaitForSweepEnd(Path.Combine(results, "trials.jsonl"));
        Assert.True(stalled is null, $"{stalled}\n{run.Output}");
        Assert.True(run.ExitCode == 0, run.Output);
        return TrialLines.NumbersById(Path.Combine(results, "trials.jsonl"));
    }
}
