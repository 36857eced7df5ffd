using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Tests.Results;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Tests.Cmi;

/// <summary>A spec's cmi section: how it expands, how a sweep may grow, and how its trainings fold into curves.</summary>
public sealed class CmiSweepTests
{
    private const string Spec = "name: c\ncmi:\n  supersamples: 2\n  selections: 3\ngrid:\n  depth: [1, 2]\n  width: 4\nseeds: 2\n";

    private static SweepSpec Parse(string yaml) => SpecLoader.Parse(yaml, "/specs/c.yaml");

    [Fact]
    public void Every_grid_point_and_seed_becomes_supersamples_times_selections_trainings_with_their_own_ids()
    {
        var spec = Parse(Spec);
        var trials = GridExpander.Expand(spec);
        Assert.Equal(2 * 2 * 2 * 3, trials.Count);
        Assert.Equal(trials.Count, GridSize.TrialCount(spec));
        Assert.Equal(trials.Count, trials.Select(t => t.Id).Distinct().Count());
        var draws = trials.Where(t => t.Config is { Depth: 1, Seed: 0 }).Select(t => t.Config.Cmi).ToList();
        Assert.Equal([new(0, 0), new(0, 1), new(0, 2), new(1, 0), new(1, 1), new(1, 2)], draws);
    }

    [Fact]
    public void A_sweep_without_cmi_keeps_its_trial_ids()
    {
        var plain = GridExpander.Expand(Parse("name: c\ngrid:\n  depth: [1, 2]\n  width: 4\nseeds: 2\n"));
        Assert.All(plain, t => Assert.DoesNotContain("cmi", TrialIdentity.Canonical(t.Config)));
    }

    [Fact]
    public void More_selections_grow_the_sweep_and_fewer_or_no_cmi_are_differences()
    {
        var grown = SpecComparison.Compare(Parse(Spec), Parse(Spec.Replace("selections: 3", "selections: 5")));
        Assert.True(grown.Compatible);
        Assert.Equal(2 * 2 * 2 * 2, grown.Added.Count);
        Assert.Contains("cmi.selections: 3 -> 2 (fewer)", SpecComparison.Compare(Parse(Spec), Parse(Spec.Replace("selections: 3", "selections: 2"))).Differences);
        Assert.Contains("cmi: section removed", SpecComparison.Compare(Parse(Spec), Parse(Spec.Replace("cmi:\n  supersamples: 2\n  selections: 3\n", ""))).Differences);
    }

    [Theory]
    [InlineData("selections: 1", "cmi.selections")]
    [InlineData("supersamples: 0", "cmi.supersamples")]
    [InlineData("supersample: 2", "unknown key 'supersample' in cmi")]
    public void A_wrong_cmi_section_is_refused_naming_its_field(string replacement, string named)
    {
        string yaml = replacement.StartsWith("selections") ? Spec.Replace("selections: 3", replacement) : Spec.Replace("supersamples: 2", replacement);
        var error = Assert.Throws<UserInputException>(() => Parse(yaml));
        Assert.Contains(named, error.Message);
    }

    /// <summary>A training of supersample <paramref name="s"/> whose predictions on pair 0 give its coin away.</summary>
    private static TrialResult Training(int seed, int s, int u, char coin, double trainError, double twinError)
    {
        var plain = SampleResults.Completed(depth: 1, seed: seed);
        return plain with
        {
            TrialId = new($"t-{seed}-{s}-{u}"),
            Config = plain.Config with { Cmi = new CmiDraw(s, u) },
            Cmi = new CmiOutcome
            {
                Selected = $"{coin}0", Predictions = coin == '0' ? "1022" : "0122", Labels = "1022",
                TrainError = trainError, TwinError = twinError,
            },
        };
    }

    [Fact]
    public void A_curve_averages_each_supersample_into_one_value_and_computes_its_fcmi_bound_from_all_selections()
    {
        var aggregator = new CurveAggregator();
        foreach (int seed in new[] { 0, 1 })
        foreach (int s in new[] { 0, 1 })
        {
            aggregator.Add(Training(seed, s, 0, '0', trainError: 0.0, twinError: 0.5));
            aggregator.Add(Training(seed, s, 1, '1', trainError: 0.0, twinError: 0.3));
        }
        var row = Assert.Single(aggregator.Rows());

        var gap = row.Get(CurveQuantities.FcmiGap);
        Assert.Equal(4, gap.N);
        Assert.All(gap.PerSeed, v => Assert.Equal(0.4, v.Value, 12));
        Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 1)], gap.PerSeed.Select(v => (v.Seed, v.Supersample!.Value)));

        // Pair 0 reveals the coin (I = ln 2), pair 1 never changes (I = 0): the bound is sqrt(2 ln 2) / 2 per supersample.
        var bound = row.Get(CurveQuantities.BFcmi);
        Assert.Equal(4, bound.N);
        Assert.All(bound.PerSeed, v => Assert.Equal(Math.Sqrt(2 * Math.Log(2)) / 2, v.Value, 12));

        // Every CMI quantity is one value per supersample, from both its selections.
        foreach (var name in CurveQuantities.PerSupersample)
            Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 1)], row.Get(name).PerSeed.Select(v => (v.Seed, v.Supersample!.Value)));
        Assert.Equal(2.0, row.Mean(CurveQuantities.CmiSelections));
        // With labels "1022" pair 0 has both members right under coin 0 and both wrong under coin 1: its loss
        // difference is 0 either way, so it reveals nothing and b_ldcmi is 0 where b_fcmi is not.
        Assert.Equal(0.0, row.Mean(CurveQuantities.BLdcmi));
        // Two selections, coins 0 and 1: any permutation pairs F with U or with its swap, both ln 2, so the null is the bound.
        Assert.Equal(Math.Sqrt(2 * Math.Log(2)) / 2, row.Mean(CurveQuantities.BFcmiNull)!.Value, 12);
        Assert.Equal(0.0, row.Mean(CurveQuantities.BFcmiCorrected)!.Value, 12);
    }

    [Fact]
    public void The_cmi_columns_of_a_supersample_do_not_depend_on_the_order_its_selections_arrive_in()
    {
        var random = new Random(4);
        var trainings = Enumerable.Range(0, 12).Select(u => Training(0, 0, u, random.Next(2) == 0 ? '0' : '1', 0.0, 0.1) with
        {
            Cmi = new CmiOutcome
            {
                Selected = string.Concat(Enumerable.Range(0, 6).Select(_ => (char)('0' + random.Next(2)))),
                Predictions = string.Concat(Enumerable.Range(0, 12).Select(_ => (char)('0' + random.Next(3)))),
                Labels = "010101010101", TrainError = 0, TwinError = 0.1,
            },
        }).ToList();
        var forward = new CurveAggregator();
        forward.AddRange(trainings);
        var backward = new CurveAggregator();
        backward.AddRange(Enumerable.Reverse(trainings));
        foreach (var name in CurveQuantities.PerSupersample)
            Assert.Equal(Assert.Single(forward.Rows()).Get(name).PerSeed, Assert.Single(backward.Rows()).Get(name).PerSeed);
    }

    [Fact]
    public void A_curve_without_cmi_trainings_has_no_fcmi_values()
    {
        var aggregator = new CurveAggregator();
        aggregator.AddRange([SampleResults.Completed(1, 0), SampleResults.Completed(1, 1)]);
        var row = Assert.Single(aggregator.Rows());
        Assert.All(CurveQuantities.PerSupersample, name => Assert.Equal(0, row.Get(name).N));
        Assert.Equal(0, row.Get(CurveQuantities.FcmiGap).N);
        Assert.Equal([(0, (int?)null), (1, null)], row.Get(CurveQuantities.Gap).PerSeed.Select(v => (v.Seed, v.Supersample)));
    }
}
