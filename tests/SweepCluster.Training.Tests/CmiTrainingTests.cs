using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Data;
using SweepCluster.Training.Running;

namespace SweepCluster.Training.Tests;

/// <summary>CMI trainings end to end: the supersample and selection drawn from the seed, and the f-CMI bound from real
/// trainings at its two ends (a learner that cannot depend on the selection, and one that memorizes noisy labels).</summary>
[Collection(TorchCollection.Name)]
public sealed class CmiTrainingTests
{
    private static TrialConfig Config(int supersample, int selection) =>
        TrialConfigs.Small() with { TrainSize = 40, LabelNoise = 0.2, Cmi = new CmiDraw(supersample, selection) };

    [Fact]
    public void Selections_of_a_supersample_train_on_one_member_of_each_pair_and_share_the_pairs_and_their_labels()
    {
        TrialData a = TrialDataFactory.Create(Config(0, 0)), b = TrialDataFactory.Create(Config(0, 1)), other = TrialDataFactory.Create(Config(1, 0));
        CmiSupersample pairs = a.Supersample!;
        Assert.Equal(40, pairs.Pairs);
        Assert.Equal(80, pairs.Labels.Length);
        Assert.Equal(pairs.Features, b.Supersample!.Features);
        Assert.Equal(pairs.Labels, b.Supersample.Labels);
        Assert.NotEqual(pairs.Selected, b.Supersample.Selected);
        Assert.NotEqual(pairs.Features, other.Supersample!.Features);
        int d = a.Dimension;
        for (int i = 0; i < pairs.Pairs; i++)
        {
            int chosen = 2 * i + (pairs.Selected[i] - '0');
            Assert.Equal(pairs.Labels[chosen], a.TrainLabels[i]);
            Assert.Equal(pairs.Features.AsSpan(chosen * d, d).ToArray(), a.TrainFeatures.AsSpan(i * d, d).ToArray());
        }
        Assert.Equal(a.TestLabels, other.TestLabels);
        var outcome = pairs.Outcome(new long[2 * pairs.Pairs]);
        Assert.Equal(string.Concat(pairs.Labels.Select(CmiOutcome.Digit)), outcome.Labels);
    }

    /// <summary>Runs supersample 0's <paramref name="selections"/> trainings of <paramref name="config"/> and folds them.</summary>
    private static CurveRow Sweep(TrialConfig config, int selections)
    {
        var aggregator = new CurveAggregator();
        for (int u = 0; u < selections; u++)
        {
            var draw = config with { Cmi = new CmiDraw(0, u) };
            var result = new TorchTrialRunner().Run(TrialIdentity.Of(draw), draw, new TrialRunContext("cpu", 1), CancellationToken.None);
            Assert.Equal(TrialStatus.Completed, result.Status);
            aggregator.Add(result);
        }
        return Assert.Single(aggregator.Rows());
    }

    [Fact]
    public void A_learner_whose_training_cannot_depend_on_the_selection_has_a_zero_bound()
    {
        // A learning rate of 1e-12 leaves the initial network (the same for every selection) in charge of every
        // prediction, with no activation noise to vary: F_i is the same whatever U_i is.
        var small = TrialConfigs.Small(actNoise: 0);
        var config = small with { TrainSize = 30, Training = small.Training with { LearningRate = 1e-12 } };
        var row = Sweep(config, selections: 4);
        Assert.Equal(0.0, row.Mean(CurveQuantities.BFcmi));
        // Nothing to find, so nothing for the null or the corrections to take away either.
        foreach (var name in new[] { CurveQuantities.BFcmiNull, CurveQuantities.BFcmiCorrected, CurveQuantities.BLdcmi, CurveQuantities.BLdcmiNull })
            Assert.Equal(0.0, row.Mean(name));
    }

    [Fact]
    public void A_learner_that_memorizes_noisy_labels_has_a_large_gap_and_a_bound_at_or_above_it()
    {
        // Half the labels wrong, a wide net trained long on 30 examples: it fits its training members, which its twins
        // do not share, so the gap is large, and the predictions on pairs reveal which member trained.
        var small = TrialConfigs.Small(depth: 2, width: 64, actNoise: 0);
        var config = small with
        {
            TrainSize = 30, LabelNoise = 0.5,
            Training = small.Training with { Epochs = 150, BatchSize = 10, LearningRate = 0.2 },
        };
        var row = Sweep(config, selections: 6);
        double gap = row.Mean(CurveQuantities.FcmiGap)!.Value, bound = row.Mean(CurveQuantities.BFcmi)!.Value;
        Assert.True(gap > 0.3, $"the memorizing learner's gap is only {gap}");
        Assert.True(bound >= gap, $"b_fcmi {bound} is below the gap {gap}");
        // The dependence is real: the coins permuted away show less, and the loss difference (a function of F once
        // the labels are fixed) shows no more than F but still at least the gap.
        Assert.True(bound > row.Mean(CurveQuantities.BFcmiNull), $"b_fcmi {bound} is not above its null {row.Mean(CurveQuantities.BFcmiNull)}");
        double loss = row.Mean(CurveQuantities.BLdcmi)!.Value;
        Assert.InRange(loss, gap, bound + 1e-12);
    }
}
