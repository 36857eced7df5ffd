using SweepCluster.Core.Results;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Tests.Results;

/// <summary>The per-layer curve columns: generated for the layers a row holds, binning kept apart from MI, and the
/// file header sized by the deepest row.</summary>
public sealed class CurveLayerColumnsTests
{
    private static TrialResult Binned(int depth, int seed) =>
        SampleResults.Completed(depth, seed, actNoise: 0) with
        {
            Layers = SampleResults.Completed(depth, seed).Layers
                .Select(l => l with { Estimator = LayerEstimator.Binning, Kind = LayerInformationKind.Clustering, IYTLower = null, IYTUpper = null })
                .ToList(),
        };

    [Fact]
    public void A_row_has_the_top_level_and_exactly_the_layers_of_its_depth()
    {
        var aggregator = new CurveAggregator();
        aggregator.Add(SampleResults.Completed(1, 0));
        aggregator.Add(SampleResults.Completed(3, 0));

        var rows = aggregator.Rows();

        Assert.Equal(CurveQuantities.ForDepth(1), rows[0].Quantities.Select(q => q.Name));
        Assert.Equal(CurveQuantities.ForDepth(3), rows[1].Quantities.Select(q => q.Name));
        Assert.Contains("layer3_i_x_t_upper_dpi", rows[1].Quantities.Select(q => q.Name));
        Assert.Null(rows[0].Find("layer2_i_x_t_upper"));
    }

    [Fact]
    public void Layer_names_parse_back_to_their_layer_and_quantity()
    {
        foreach (var quantity in LayerQuantities.All)
        {
            var name = LayerQuantities.Name(12, quantity);
            Assert.True(LayerQuantities.TryParse(name, out var layer, out var parsed));
            Assert.Equal((12, quantity), (layer, parsed));
        }
        Assert.False(LayerQuantities.TryParse("layer0_i_y_t", out _, out _));
        Assert.False(LayerQuantities.TryParse("layerx_i_y_t", out _, out _));
        Assert.False(LayerQuantities.TryParse("layer2_nonsense", out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => CurveQuantities.Read(SampleResults.Completed(1, 0), "nonsense"));
    }

    [Fact]
    public void Binning_values_fill_only_the_binned_columns_so_a_clustering_measure_never_reads_as_MI()
    {
        var aggregator = new CurveAggregator();
        foreach (var seed in new[] { 0, 1 }) aggregator.Add(Binned(2, seed));

        var row = Assert.Single(aggregator.Rows());

        Assert.Equal(Binned(2, 0).Layers[1].IXTUpper, row.Get("layer2_binned_i_x_t").PerSeed[0].Value);
        Assert.Equal(Binned(2, 1).Layers[0].IYT, row.Get("layer1_binned_i_y_t").PerSeed[1].Value);
        foreach (var quantity in new[] { LayerQuantity.IXTLower, LayerQuantity.IXTUpper, LayerQuantity.IXTUpperDpi,
                     LayerQuantity.IYT, LayerQuantity.EtaEmpirical, LayerQuantity.IXTUpperSe })
            Assert.Equal(0, row.Get(LayerQuantities.Name(1, quantity)).N);
        Assert.Equal(0, row.Get(CurveQuantities.IXTUpper).N);
        Assert.Equal(0, row.Get(CurveQuantities.EtaEmpiricalLast).N);
        // eta_analytic is a formula of width and noise, whatever estimated the information.
        Assert.Equal(2, row.Get("layer1_eta_analytic").N);
    }

    [Fact]
    public void Mutual_information_layers_leave_the_binned_columns_empty()
    {
        var aggregator = new CurveAggregator();
        aggregator.Add(SampleResults.Completed(2, 0));

        var row = Assert.Single(aggregator.Rows());

        Assert.Equal(0, row.Get("layer1_binned_i_x_t").N);
        Assert.Equal(0, row.Get("layer2_binned_i_y_t").N);
        // An exact pair has no Monte-Carlo error; a Monte-Carlo one carries its own.
        Assert.Equal(0.0, row.Get("layer1_i_x_t_upper_se").Mean);
        Assert.Equal(0.02, row.Get("layer2_i_x_t_upper_se").Mean);
    }

    [Fact]
    public void A_bounds_certified_column_is_the_fraction_of_seeds_whose_assumptions_hold()
    {
        var aggregator = new CurveAggregator();
        aggregator.Add(SampleResults.Completed(2, 0, bIsmi: 0.5)); // certified
        aggregator.Add(SampleResults.Completed(2, 1, bIsmi: null)); // undefined: counts nowhere
        aggregator.Add(SampleResults.Completed(2, 2, bIsmi: 0.6));

        var row = Assert.Single(aggregator.Rows());

        Assert.Equal(1.0, row.Get(CurveQuantities.CertifiedName(CurveQuantities.BIsmi)).Mean);
        Assert.Equal(2, row.Get(CurveQuantities.CertifiedName(CurveQuantities.BIsmi)).N);
        Assert.Equal(0.0, row.Get(CurveQuantities.CertifiedName(CurveQuantities.BPaper)).Mean);
    }

    [Fact]
    public void The_csv_header_holds_the_deepest_rows_layers_and_shallower_rows_leave_them_blank()
    {
        var aggregator = new CurveAggregator();
        aggregator.Add(SampleResults.Completed(1, 0));
        aggregator.Add(SampleResults.Completed(3, 0));

        var csv = Csv.Parse(CurveFiles.FormatCsv(aggregator.Rows()));

        Assert.Equal(CurveFiles.CsvHeader(3), csv[0]);
        var column = csv[0].Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        Assert.Equal("", csv[1][column["layer3_i_x_t_upper_mean"]]);
        Assert.Equal("", csv[1][column["layer2_i_y_t_n"]]);
        Assert.Equal("1", csv[1][column["layer1_i_y_t_n"]]);
        Assert.Equal("1", csv[2][column["layer3_i_x_t_upper_n"]]);
        Assert.DoesNotContain(csv[0], name => name.StartsWith("layer4_", StringComparison.Ordinal));
    }

    [Fact]
    public void Per_layer_per_seed_values_survive_a_json_round_trip()
    {
        var aggregator = new CurveAggregator();
        foreach (var seed in new[] { 2, 0, 1 }) aggregator.Add(SampleResults.Completed(3, seed));
        var rows = aggregator.Rows();

        var back = TrialJsonRoundTrip(rows);

        Assert.Equal(rows[0].Get("layer2_i_y_t_upper").PerSeed, back[0].Get("layer2_i_y_t_upper").PerSeed);
        Assert.Equal([0, 1, 2], back[0].Get("layer3_eta_empirical").PerSeed.Select(s => s.Seed));
    }

    private static IReadOnlyList<CurveRow> TrialJsonRoundTrip(IReadOnlyList<CurveRow> rows)
    {
        using var folder = new TempFolder();
        var (_, json) = CurveFiles.Write(folder.Path, rows);
        return CurveFiles.ReadJson(json);
    }
}
