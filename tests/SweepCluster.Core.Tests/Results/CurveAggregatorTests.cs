using SweepCluster.Core.Results;
using SweepCluster.Core.Statistics;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Tests.Results;

public sealed class CurveAggregatorTests
{
    private static readonly int[] _seeds = [0, 1, 2];
    private static readonly int[] _depths = [2, 4];

    private static List<TrialResult> Grid() =>
        [.. from depth in _depths from seed in _seeds select SampleResults.Completed(depth, seed, bIsmi: 0.3 + 0.1 * seed)];

    [Fact]
    public void Means_and_intervals_equal_SeedStatistics_over_the_same_values()
    {
        var results = Grid();
        var aggregator = new CurveAggregator();
        aggregator.AddRange(results);

        var rows = aggregator.Rows();

        Assert.Equal(_depths, rows.Select(r => r.Depth));
        foreach (var row in rows)
        {
            var ofDepth = results.Where(r => r.Config.Depth == row.Depth).OrderBy(r => r.Config.Seed).ToList();
            Assert.Equal(3, row.NSeeds);
            Assert.Equal(0, row.NFailed);
            AssertSummarizes(row, CurveQuantities.TrainError, ofDepth.Select(r => r.TrainError));
            AssertSummarizes(row, CurveQuantities.TestError, ofDepth.Select(r => r.TestError));
            AssertSummarizes(row, CurveQuantities.Gap, ofDepth.Select(r => r.Gap));
            AssertSummarizes(row, CurveQuantities.BXrOut, ofDepth.Select(r => r.Bounds!.BXrOut.Value!.Value));
            AssertSummarizes(row, CurveQuantities.BPaper, ofDepth.Select(r => r.Bounds!.BPaper.Value!.Value));
            AssertSummarizes(row, CurveQuantities.BIsmi, ofDepth.Select(r => r.Bounds!.BIsmi.Value!.Value));
            AssertSummarizes(row, CurveQuantities.IXTUpper, ofDepth.Select(r => r.Layers[^1].IXTUpper));
            AssertSummarizes(row, CurveQuantities.IXTLower, ofDepth.Select(r => r.Layers[^1].IXTLower));
            AssertSummarizes(row, CurveQuantities.EtaAnalyticProduct,
                ofDepth.Select(r => r.Layers.Aggregate(1.0, (p, l) => p * l.EtaAnalytic)));
            AssertSummarizes(row, CurveQuantities.EtaEmpiricalLast, ofDepth.Select(r => r.Layers[^1].EtaEmpirical!.Value));
            AssertSummarizes(row, CurveQuantities.TrainLoss, ofDepth.Select(r => r.TrainLoss));
            AssertSummarizes(row, CurveQuantities.TestLoss, ofDepth.Select(r => r.TestLoss));
            AssertSummarizes(row, CurveQuantities.LossGap, ofDepth.Select(r => r.LossGap));
            AssertSummarizes(row, CurveQuantities.FanoLower, ofDepth.Select(r => r.FanoLower!.Value));
            AssertSummarizes(row, CurveQuantities.BPaperMeasured, ofDepth.Select(r => r.Bounds!.BPaperMeasured.Value!.Value));
            AssertSummarizes(row, CurveQuantities.BPaperAllParams, ofDepth.Select(r => r.Bounds!.BPaperAllParams.Value!.Value));
            for (var layer = 1; layer <= row.Depth; layer++)
            {
                var l = layer - 1;
                AssertSummarizes(row, LayerQuantities.Name(layer, LayerQuantity.IXTLower), ofDepth.Select(r => r.Layers[l].IXTLower));
                AssertSummarizes(row, LayerQuantities.Name(layer, LayerQuantity.IXTUpper), ofDepth.Select(r => r.Layers[l].IXTUpper));
                AssertSummarizes(row, LayerQuantities.Name(layer, LayerQuantity.IXTUpperDpi), ofDepth.Select(r => r.Layers[l].IXTUpperDpi));
                AssertSummarizes(row, LayerQuantities.Name(layer, LayerQuantity.IYT), ofDepth.Select(r => r.Layers[l].IYT));
                AssertSummarizes(row, LayerQuantities.Name(layer, LayerQuantity.IYTUpper), ofDepth.Select(r => r.Layers[l].IYTUpper!.Value));
                AssertSummarizes(row, LayerQuantities.Name(layer, LayerQuantity.EtaAnalytic), ofDepth.Select(r => r.Layers[l].EtaAnalytic));
            }
        }
    }

    [Fact]
    public void Last_layer_quantities_come_from_the_deepest_layer()
    {
        var aggregator = new CurveAggregator();
        var result = SampleResults.Completed(4, 1);
        aggregator.Add(result);

        var row = Assert.Single(aggregator.Rows());

        Assert.Equal(result.Layers[3].IXTUpper, row.Get(CurveQuantities.IXTUpper).Mean);
        Assert.Equal(Math.Pow(result.Layers[0].EtaAnalytic, 4), row.Get(CurveQuantities.EtaAnalyticProduct).Mean!.Value, 12);
        // One seed: a mean but no interval.
        Assert.Null(row.Get(CurveQuantities.Gap).CiLow);
        Assert.Null(row.Get(CurveQuantities.Gap).CiHigh);
    }

    [Fact]
    public void Folding_in_a_different_order_gives_identical_output()
    {
        var results = Grid();
        results.Add(SampleResults.Failed(4, 3));
        results.Add(SampleResults.Completed(2, 0, width: 8));
        var forward = new CurveAggregator();
        forward.AddRange(results);
        var shuffled = new CurveAggregator();
        shuffled.AddRange(results.OrderBy(r => (r.Config.Seed * 7 + r.Config.Depth * 3) % 5).Reverse());

        // The JSON holds every number with round-trip precision, so equal text means bit-for-bit equal rows.
        Assert.Equal(CurveFiles.FormatJson(forward.Rows()), CurveFiles.FormatJson(shuffled.Rows()));
        Assert.Equal(CurveFiles.FormatCsv(forward.Rows()), CurveFiles.FormatCsv(shuffled.Rows()));
    }

    [Fact]
    public void Failed_trials_are_counted_apart_and_left_out_of_means()
    {
        var results = Grid();
        var clean = new CurveAggregator();
        clean.AddRange(results);
        var withFailures = new CurveAggregator();
        withFailures.AddRange(results);
        withFailures.Add(SampleResults.Failed(4, 7));
        withFailures.Add(SampleResults.Failed(4, 8));
        withFailures.Add(SampleResults.Failed(6, 9)); // a depth with no completed trial at all

        var rows = withFailures.Rows();
        var depth4 = rows.Single(r => r.Depth == 4);
        var depth6 = rows.Single(r => r.Depth == 6);
        var cleanDepth4 = clean.Rows().Single(r => r.Depth == 4);

        Assert.Equal(2, depth4.NFailed);
        Assert.Equal(3, depth4.NSeeds);
        Assert.Equal(cleanDepth4.Get(CurveQuantities.TrainError).Mean, depth4.Get(CurveQuantities.TrainError).Mean);
        Assert.Equal(cleanDepth4.Get(CurveQuantities.Gap).CiHigh, depth4.Get(CurveQuantities.Gap).CiHigh);
        Assert.Equal(0, depth6.NSeeds);
        Assert.Equal(1, depth6.NFailed);
        Assert.Null(depth6.Get(CurveQuantities.TrainError).Mean);
        Assert.Equal(3, rows.Where(r => r.Key == depth4.Key).Sum(r => r.NFailed));
        Assert.Equal(3, withFailures.FailedCount);
        Assert.Equal(6, withFailures.CompletedCount);
    }

    [Fact]
    public void Undefined_bound_is_skipped_with_its_own_count()
    {
        var aggregator = new CurveAggregator();
        aggregator.Add(SampleResults.Completed(3, 0, bIsmi: 0.5));
        aggregator.Add(SampleResults.Completed(3, 1, bIsmi: null)); // B_ISMI undefined: no injected noise
        aggregator.Add(SampleResults.Completed(3, 2, bIsmi: 0.7));

        var row = Assert.Single(aggregator.Rows());
        var ismi = row.Get(CurveQuantities.BIsmi);

        Assert.Equal(3, row.NSeeds);
        Assert.Equal(2, ismi.N);
        Assert.Equal(0.6, ismi.Mean!.Value, 12);
        Assert.Equal([0, 2], ismi.PerSeed.Select(s => s.Seed));
        Assert.Equal(3, row.Get(CurveQuantities.BPaper).N);
    }

    [Fact]
    public void Each_setting_other_than_depth_and_seed_makes_its_own_curve()
    {
        var aggregator = new CurveAggregator();
        aggregator.Add(SampleResults.Completed(2, 0, width: 64));
        aggregator.Add(SampleResults.Completed(2, 0, width: 8));
        aggregator.Add(SampleResults.Completed(2, 0, width: 8, actNoise: 0.5));
        aggregator.Add(SampleResults.Completed(1, 1, width: 8));

        var rows = aggregator.Rows();

        Assert.Equal(4, rows.Count);
        Assert.Equal([(8, 0.1, 1), (8, 0.1, 2), (8, 0.5, 2), (64, 0.1, 2)],
            rows.Select(r => (r.Key.Width, r.Key.ActNoise, r.Depth)));
        Assert.Equal("sgld", rows[0].Key.Optimizer);
        Assert.Equal(1.0, rows[0].Key.Clip);
    }

    [Fact]
    public void A_trial_is_counted_once_and_a_retried_failure_gives_way_to_its_completion()
    {
        var aggregator = new CurveAggregator();
        Assert.True(aggregator.Add(SampleResults.Failed(2, 0)));
        Assert.True(aggregator.Add(SampleResults.Completed(2, 0)));
        Assert.False(aggregator.Add(SampleResults.Completed(2, 0)));
        Assert.False(aggregator.Add(SampleResults.Failed(2, 0)));

        var row = Assert.Single(aggregator.Rows());

        Assert.Equal(1, row.NSeeds);
        Assert.Equal(0, row.NFailed);
        Assert.Equal(0, aggregator.FailedCount);
    }

    private static void AssertSummarizes(CurveRow row, string name, IEnumerable<double> seedOrdered)
    {
        var values = seedOrdered.ToArray();
        var expected = SeedStatistics.Summarize(values);
        var actual = row.Get(name);
        Assert.Equal(expected.N, actual.N);
        Assert.Equal(expected.Mean, actual.Mean);
        Assert.Equal(expected.Low, actual.CiLow);
        Assert.Equal(expected.High, actual.CiHigh);
        Assert.NotNull(actual.CiLow);
        Assert.True(actual.CiLow < actual.Mean && actual.Mean < actual.CiHigh);
        Assert.Equal(values, actual.PerSeed.Select(s => s.Value));
    }
}
