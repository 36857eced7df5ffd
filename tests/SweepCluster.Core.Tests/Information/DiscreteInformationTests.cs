using SweepCluster.Core.Information;

namespace SweepCluster.Core.Tests.Information;

public sealed class DiscreteInformationTests
{
    private const double Exact = 1e-12;

    [Fact]
    public void Entropy_matches_hand_worked_values()
    {
        Assert.Equal(0.0, DiscreteInformation.Entropy([7, 7, 7]));
        Assert.Equal(0.0, DiscreteInformation.Entropy([]));
        Assert.Equal(Math.Log(2), DiscreteInformation.Entropy([0, 0, 1, 1]), Exact);
        Assert.Equal(Math.Log(4), DiscreteInformation.Entropy([3, -1, 9, 4]), Exact);
        // p = (3/4, 1/4): 0.562335
        Assert.Equal(-(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25)), DiscreteInformation.Entropy([5, 5, 5, 7]), Exact);
        Assert.Equal(0.562335, DiscreteInformation.Entropy([5, 5, 5, 7]), 6);
    }

    [Fact]
    public void Mutual_information_matches_hand_worked_values()
    {
        // Identical sequences: I(a;a) = H(a).
        int[] a = [0, 1, 2, 2, 1, 0, 0, 0];
        Assert.Equal(DiscreteInformation.Entropy(a), DiscreteInformation.MutualInformation(a, a), Exact);
        // A relabelling is a bijection: still H(a).
        Assert.Equal(DiscreteInformation.Entropy(a), DiscreteInformation.MutualInformation(a, a.Select(v => 10 - 3 * v).ToArray()), Exact);
        // Product table: exactly independent.
        Assert.Equal(0.0, DiscreteInformation.MutualInformation([0, 0, 1, 1], [0, 1, 0, 1]), Exact);
        // Joint counts (0,0)=2, (0,1)=1, (1,1)=1 of 4: I = H(a) + H(b) - H(a,b) with
        // H(a) = -(3/4 ln 3/4 + 1/4 ln 1/4), H(b) = ln 2, H(a,b) = -(1/2 ln 1/2 + 2 * 1/4 ln 1/4) = 1.5 ln 2.
        double ha = -(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25));
        Assert.Equal(ha + Math.Log(2) - 1.5 * Math.Log(2), DiscreteInformation.MutualInformation([0, 0, 0, 1], [0, 0, 1, 1]), Exact);
    }

    [Fact]
    public void Unpaired_sequences_are_rejected() =>
        Assert.Throws<ArgumentException>(() => DiscreteInformation.MutualInformation([0, 1], [0]));
}
