using SweepCluster.Core;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Running;

namespace SweepCluster.Training.Tests;

/// <summary>A trial interrupted after a checkpoint and run again continues from it and ends with the numbers of an
/// uninterrupted run; its checkpoint is gone once it has trained.</summary>
[Collection(TorchCollection.Name)]
public sealed class CheckpointTests : IDisposable
{
    private static readonly TrialId Id = new("t-checkpointed");
    private readonly string _folder = Directory.CreateTempSubdirectory("checkpoints-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string CheckpointFile => Path.Combine(_folder, $"{Id.Value}.ckpt");

    /// <summary>Runs the trial and cancels it once it reports <paramref name="stopAfterEpoch"/> (null: to the end).</summary>
    private TrialResult? Run(TrialConfig config, int? stopAfterEpoch, List<int>? epochsSeen = null)
    {
        using var cancel = new CancellationTokenSource();
        var progress = new Progress(p =>
        {
            epochsSeen?.Add(p.Epoch);
            if (p.Epoch == stopAfterEpoch) cancel.Cancel();
        });
        var context = new TrialRunContext("cpu", 1, progress, new TrialCheckpoints(_folder, EveryEpochs: 2));
        try
        {
            return new TorchTrialRunner().Run(Id, config, context, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static string Numbers(TrialResult result) => TrialJson.Serialize(result with { Timings = null });

    [Theory]
    [InlineData("sgld", "end_to_end")]
    [InlineData("adam", "end_to_end")]
    [InlineData("sgld", "frozen_features")] // per-example clipping
    public void A_trial_resumed_from_its_checkpoint_ends_with_the_numbers_of_an_uninterrupted_run(string optimizer, string mode)
    {
        var small = TrialConfigs.Small(actNoise: 0.5);
        var config = small with
        {
            SgldNoise = optimizer == "sgld" ? 0.001 : 0,
            Training = small.Training with { Epochs = 6, Optimizer = SpecWords.Parse<OptimizerKind>(optimizer), Clip = 1.0, Mode = SpecWords.Parse<TrainingMode>(mode) },
        };
        var uninterrupted = new TorchTrialRunner().Run(Id, config, new TrialRunContext("cpu", 1), CancellationToken.None);

        // Stopped during epoch 5: the epoch-4 checkpoint is on disk.
        Assert.Null(Run(config, stopAfterEpoch: 5));
        Assert.True(File.Exists(CheckpointFile));

        var epochs = new List<int>();
        var resumed = Run(config, stopAfterEpoch: null, epochs)!;

        Assert.Equal([5, 6], epochs);
        Assert.Equal(Numbers(uninterrupted), Numbers(resumed));
        Assert.False(File.Exists(CheckpointFile), "the checkpoint outlived its trial");
    }

    [Fact]
    public void An_unreadable_checkpoint_is_dropped_and_the_trial_starts_over()
    {
        var config = TrialConfigs.Small() with { Training = TrialConfigs.Small().Training with { Epochs = 4 } };
        var uninterrupted = new TorchTrialRunner().Run(Id, config, new TrialRunContext("cpu", 1), CancellationToken.None);
        File.WriteAllText(CheckpointFile, "not a checkpoint");

        var epochs = new List<int>();
        var result = Run(config, stopAfterEpoch: null, epochs)!;

        Assert.Equal([1, 2, 3, 4], epochs);
        Assert.Equal(Numbers(uninterrupted), Numbers(result));
    }

    private sealed class Progress(Action<TrialProgress> report) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) => report(value);
    }
}
