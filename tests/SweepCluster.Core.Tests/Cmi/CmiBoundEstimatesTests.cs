using SweepCluster.Core.Bounds;
using SweepCluster.Core.Information;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Tests.Cmi;

/// <summary>The CMI bounds beside their bias: Miller-Madow and the loss-difference bound against hand computations, and
/// the permutation null and corrected values at the two ends (predictions blind to the coins, and predictions that
/// give them away).</summary>
public sealed class CmiBoundEstimatesTests
{
    private static CmiOutcome Selection(string selected, string predictions, string? labels = null) =>
        new() { Selected = selected, Predictions = predictions, Labels = labels, TrainError = 0, TwinError = 0 };

    [Fact]
    public void Miller_Madow_adds_back_each_entropys_first_order_bias()
    {
        // Independent, every cell of 2 x 2 seen once in 4 samples: (4 - 2 - 2 + 1)/(2 * 4) = 1/8 taken off.
        Assert.Equal(1.0 / 8, DiscreteInformation.MillerMadowCorrection(4, 2, 2, 4), 12);
        // a = b on two symbols: two joint cells, (2 - 2 - 2 + 1)/8 = -1/8, so 1/8 is added.
        Assert.Equal(-1.0 / 8, DiscreteInformation.MillerMadowCorrection(2, 2, 2, 4), 12);
        // Three symbols against a coin, 6 samples, all 6 cells seen: (6 - 3 - 2 + 1)/12 = 1/6, i.e. (3 - 1)(2 - 1)/12.
        Assert.Equal(1.0 / 6, DiscreteInformation.MillerMadowCorrection(6, 3, 2, 6), 12);
    }

    [Fact]
    public void The_loss_difference_bound_is_the_plug_in_of_the_three_outcomes_worked_by_hand()
    {
        // One pair with labels (0, 1). U = 0, 0, 1, 1; Delta = loss(member 1) - loss(member 0) = 1, 0, -1, 0.
        // p(Delta) = (1/4, 1/2, 1/4), U fair, joint four cells of 1/4: I = 1.5 ln 2 + ln 2 - 2 ln 2 = ln 2 / 2.
        CmiOutcome[] selections =
        [
            Selection("0", "00", "01"), // member 0 right, member 1 wrong: Delta 1
            Selection("0", "01", "01"), // both right: 0
            Selection("1", "11", "01"), // member 0 wrong, member 1 right: -1
            Selection("1", "10", "01"), // both wrong: 0
        ];
        Assert.Equal(Math.Sqrt(Math.Log(2)), LossDifferenceCmiBound.Of(selections), 12);
        var estimates = CmiBoundEstimates.Of(selections, seed: 1);
        Assert.Equal(Math.Sqrt(Math.Log(2)), estimates.Ldcmi!.PlugIn, 12);
        // F takes four values there, one per selection: I(F; U) = ln 2, above I(Delta; U).
        Assert.Equal(Math.Sqrt(2 * Math.Log(2)), estimates.Fcmi.PlugIn, 12);
    }

    [Fact]
    public void The_plug_in_values_match_the_reference_bounds_and_data_processing_orders_them()
    {
        var selections = Simulate(new Random(3), pairs: 40, k: 30, reveal: 0.3);
        var estimates = CmiBoundEstimates.Of(selections, seed: 7);
        Assert.Equal(FunctionalCmiBound.Of(selections), estimates.Fcmi.PlugIn, 12);
        Assert.Equal(LossDifferenceCmiBound.Of(selections), estimates.Ldcmi!.PlugIn, 12);
        Assert.True(estimates.Ldcmi.PlugIn <= estimates.Fcmi.PlugIn + 1e-12);
        Assert.Equal(30, estimates.Selections);
        Assert.Equal(estimates, CmiBoundEstimates.Of(selections, seed: 7));
        Assert.Null(CmiBoundEstimates.Of(selections.Select(s => s with { Labels = null }).ToList(), seed: 7).Ldcmi);
    }

    [Fact]
    public void Predictions_that_never_change_give_exactly_zero_everywhere()
    {
        CmiOutcome[] selections = [Selection("01", "0123", "0101"), Selection("10", "0123", "0101"), Selection("11", "0123", "0101")];
        var estimates = CmiBoundEstimates.Of(selections, seed: 2);
        Assert.Equal(new CmiBoundEstimate(0, 0, 0, 0, 0), estimates.Fcmi);
        Assert.Equal(new CmiBoundEstimate(0, 0, 0, 0, 0), estimates.Ldcmi);
    }

    [Fact]
    public void Predictions_blind_to_the_coins_give_a_bound_no_higher_than_its_null_and_a_corrected_value_near_zero()
    {
        // Four classes drawn at random for each example, whatever the coins: every pair's true CMI is 0, and the
        // plug-in value is all bias, about (16 - 1)/(2 * 100) nats per pair.
        var estimates = CmiBoundEstimates.Of(Simulate(new Random(5), pairs: 200, k: 100, reveal: 0), seed: 11);
        var f = estimates.Fcmi;
        Assert.InRange(f.PlugIn, 0.3, 0.45);
        Assert.InRange(f.PlugIn / f.NullMean, 0.97, 1.03);
        Assert.True(f.PlugIn <= f.NullQ95, $"b_fcmi {f.PlugIn} above its null's 95% quantile {f.NullQ95}");
        Assert.True(f.Corrected < 0.4 * f.PlugIn, $"corrected {f.Corrected} against plug-in {f.PlugIn}");
        Assert.True(f.MillerMadow < 0.6 * f.PlugIn, $"Miller-Madow {f.MillerMadow} against plug-in {f.PlugIn}");
        Assert.InRange(estimates.FcmiBias, 0.05, 0.08);
        Assert.InRange(estimates.Ldcmi!.PlugIn / estimates.Ldcmi.NullMean, 0.95, 1.05);
    }

    [Fact]
    public void Predictions_that_memorize_the_trained_member_give_a_bound_far_above_its_null()
    {
        // The trained member is always predicted right and its twin at random among four classes: F depends on U.
        var estimates = CmiBoundEstimates.Of(Simulate(new Random(9), pairs: 200, k: 100, reveal: 1), seed: 13);
        var f = estimates.Fcmi;
        Assert.True(f.PlugIn > f.NullQ95 + 0.3, $"b_fcmi {f.PlugIn} against its null's 95% quantile {f.NullQ95}");
        Assert.True(f.Corrected > 0.8 * f.PlugIn - 0.1 && f.Corrected < f.PlugIn);
        var l = estimates.Ldcmi!;
        Assert.True(l.PlugIn > l.NullQ95 + 0.3, $"b_ldcmi {l.PlugIn} against its null's 95% quantile {l.NullQ95}");
    }

    /// <summary>k selections of n pairs with labels 0 (member 0) and 1 (member 1) and four classes: with probability
    /// <paramref name="reveal"/> per pair and selection the trained member is predicted right, otherwise every
    /// prediction is a uniform class.</summary>
    private static List<CmiOutcome> Simulate(Random random, int pairs, int k, double reveal)
    {
        var labels = string.Concat(Enumerable.Repeat("01", pairs));
        var result = new List<CmiOutcome>();
        for (int s = 0; s < k; s++)
        {
            var selected = new char[pairs];
            var predicted = new char[2 * pairs];
            for (int i = 0; i < pairs; i++)
            {
                int u = random.Next(2);
                selected[i] = (char)('0' + u);
                predicted[2 * i] = CmiOutcome.Digit(random.Next(4));
                predicted[2 * i + 1] = CmiOutcome.Digit(random.Next(4));
                if (random.NextDouble() < reveal) predicted[2 * i + u] = labels[2 * i + u];
            }
            result.Add(Selection(new string(selected), new string(predicted), labels));
        }
        return result;
    }
}
