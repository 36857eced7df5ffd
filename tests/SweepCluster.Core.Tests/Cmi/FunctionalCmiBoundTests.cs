using SweepCluster.Core.Bounds;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Tests.Cmi;

/// <summary>The plug-in f-CMI bound against distributions whose mutual information is known in closed form.</summary>
public sealed class FunctionalCmiBoundTests
{
    /// <summary>One selection: its coins and the predictions on both members of every pair.</summary>
    private static CmiOutcome Selection(string selected, string predictions) =>
        new() { Selected = selected, Predictions = predictions, TrainError = 0, TwinError = 0 };

    [Fact]
    public void Predictions_that_do_not_change_with_the_selection_give_zero()
    {
        CmiOutcome[] selections = [Selection("01", "0123"), Selection("10", "0123"), Selection("11", "0123")];
        Assert.Equal(0.0, FunctionalCmiBound.Of(selections));
    }

    [Fact]
    public void Predictions_that_reveal_the_coin_give_sqrt_of_two_ln_two_per_pair()
    {
        // Pair 0: the prediction pair is (1, 0) when member 0 trained and (0, 1) otherwise: I(F; U) = ln 2 with U fair.
        // Pair 1: constant predictions, I = 0. The bound is the mean over pairs: sqrt(2 ln 2) / 2.
        CmiOutcome[] selections = [Selection("00", "1022"), Selection("10", "0122"), Selection("01", "1022"), Selection("11", "0122")];
        Assert.Equal(Math.Sqrt(2 * Math.Log(2)) / 2, FunctionalCmiBound.Of(selections), 12);
    }

    [Fact]
    public void A_partly_dependent_pair_gives_the_plug_in_mutual_information_of_its_table()
    {
        // Samples of (U, F): (0, a), (0, a), (1, b), (1, a) with a = "00", b = "z0" (class 35 in base 36).
        // p(U) = (1/2, 1/2), p(F) = (3/4, 1/4): I = 1/2 ln(4/3) + 1/4 ln(2/3) + 1/4 ln 2.
        CmiOutcome[] selections = [Selection("0", "00"), Selection("0", "00"), Selection("1", "z0"), Selection("1", "00")];
        double information = 0.5 * Math.Log(4.0 / 3) + 0.25 * Math.Log(2.0 / 3) + 0.25 * Math.Log(2);
        Assert.Equal(Math.Sqrt(2 * information), FunctionalCmiBound.Of(selections), 12);
    }

    [Fact]
    public void One_selection_or_selections_of_different_pairs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => FunctionalCmiBound.Of([Selection("0", "00")]));
        Assert.Throws<ArgumentException>(() => FunctionalCmiBound.Of([Selection("0", "00"), Selection("01", "0000")]));
    }

    [Theory]
    [InlineData(0, '0')]
    [InlineData(9, '9')]
    [InlineData(10, 'a')]
    [InlineData(35, 'z')]
    public void A_class_and_its_digit_round_trip(int label, char digit)
    {
        Assert.Equal(digit, CmiOutcome.Digit(label));
        Assert.Equal(label, CmiOutcome.Label(digit));
    }
}
