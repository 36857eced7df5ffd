using System.Reflection;
using System.Text.Json;
using SweepCluster.Core.Results;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Tests.Results;

public sealed class TrialsCsvTests : IDisposable
{
    // The layer columns carry the JSON names of LayerInformation's fields, whatever the contract spells them
    // (i_x_t_upper is the documented name; SnakeCaseLower alone makes it ixt_upper).
    private static readonly string _ixtUpper = JsonName<LayerInformation>(nameof(LayerInformation.IXTUpper));
    private static readonly string _ixtLower = JsonName<LayerInformation>(nameof(LayerInformation.IXTLower));

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Header_flattens_nested_fields_and_every_layer_of_the_deepest_trial()
    {
        var header = TrialCsvFlattener.Header([SampleResults.Completed(3, 0)]);

        Assert.Contains("trial_id", header);
        Assert.Contains("config_depth", header);
        Assert.Contains("config_training_learning_rate", header);
        Assert.Contains("config_model_activation", header);
        Assert.Contains("bounds_b_paper_value", header);
        Assert.Contains("bounds_b_ismi_reason", header);
        Assert.Contains("run_steps", header);
        Assert.Contains("i_sgld_value", header);
        Assert.Contains("timings_total_seconds", header);
        foreach (var l in new[] { 1, 2, 3 })
        {
            Assert.Contains($"layer{l}_{_ixtUpper}", header);
            Assert.Contains($"layer{l}_eta_empirical", header);
        }
        Assert.DoesNotContain(header, h => h.StartsWith("layer4_", StringComparison.Ordinal));
        Assert.DoesNotContain("layers", header);
        Assert.Equal(header.Count, header.Distinct().Count());
    }

    [Fact]
    public void Cells_hold_the_values_of_the_result()
    {
        var result = SampleResults.Completed(3, 2, bIsmi: 0.25);
        var rows = Csv.Parse(TrialsCsvWriter.Format([result]));
        var cell = Cells(rows[0], rows[1]);

        Assert.Equal(result.TrialId.Value, cell["trial_id"]);
        Assert.Equal("completed", cell["status"]);
        Assert.Equal("3", cell["config_depth"]);
        Assert.Equal("sgld", cell["config_training_optimizer"]);
        Assert.Equal(0.01, double.Parse(cell["config_training_learning_rate"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("3;5", cell["config_dataset_class_subset"]);
        Assert.Equal(result.TrainError, Number(cell["train_error"]));
        Assert.Equal(result.Bounds!.BPaper.Value!.Value, Number(cell["bounds_b_paper_value"]));
        Assert.Equal("true", cell["bounds_b_paper_vacuous"]);
        Assert.Equal(0.25, Number(cell["bounds_b_ismi_value"]));
        Assert.Equal(result.Layers[2].IXTUpper, Number(cell[$"layer3_{_ixtUpper}"]));
        Assert.Equal(result.Layers[0].IXTLower, Number(cell[$"layer1_{_ixtLower}"]));
        Assert.Equal("", cell["layer1_eta_empirical"]); // null for the first layer
        Assert.Equal(result.Layers[1].EtaEmpirical!.Value, Number(cell["layer2_eta_empirical"]));
        Assert.Equal("", cell["failure_reason"]);
    }

    [Fact]
    public void Shallow_trial_has_blank_cells_where_deeper_trials_have_layers()
    {
        var rows = Csv.Parse(TrialsCsvWriter.Format([SampleResults.Completed(1, 0), SampleResults.Completed(3, 0)]));
        var shallow = Cells(rows[0], rows[1]);
        var deep = Cells(rows[0], rows[2]);

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        Assert.NotEqual("", shallow[$"layer1_{_ixtUpper}"]);
        Assert.Equal("", shallow[$"layer2_{_ixtUpper}"]);
        Assert.Equal("", shallow[$"layer3_{_ixtUpper}"]);
        Assert.Equal("", shallow["layer3_estimator"]);
        Assert.NotEqual("", deep[$"layer3_{_ixtUpper}"]);
        Assert.Equal("pairwise", deep["layer3_estimator"]);
        Assert.Equal("exact", deep["layer1_kind"]);
        Assert.Equal("monte_carlo", deep["layer3_kind"]);
    }

    [Theory]
    [InlineData(LayerInformationKind.Exact, "exact")]
    [InlineData(LayerInformationKind.MonteCarlo, "monte_carlo")]
    [InlineData(LayerInformationKind.Clustering, "clustering")]
    public void A_layer_kind_is_written_and_read_as_its_word(LayerInformationKind kind, string word)
    {
        var layer = SampleResults.Completed(1, 0).Layers[0] with { Kind = kind };
        string json = TrialJson.Serialize(layer);
        Assert.Contains($"\"kind\":\"{word}\"", json);
        Assert.Equal(kind, TrialJson.Deserialize<LayerInformation>(json).Kind);
    }

    [Fact]
    public void Header_does_not_depend_on_the_order_or_kind_of_results()
    {
        var failed = SampleResults.Failed(3, 1);
        var completed = SampleResults.Completed(3, 0);

        var a = TrialCsvFlattener.Header([failed, completed]);
        var b = TrialCsvFlattener.Header([completed, failed]);
        var c = TrialCsvFlattener.Header([failed]);

        Assert.Equal(a, b);
        Assert.Equal(a, c); // a failed trial has no run, layers or bounds, yet the same columns
        Assert.Equal(TrialCsvFlattener.Header(3), a);
    }

    [Fact]
    public void Written_file_quotes_awkward_text_and_leaves_no_temp_file()
    {
        var failed = SampleResults.Failed(2, 1);
        var path = TrialsCsvWriter.Write(_folder.Path, [failed]);
        TrialsCsvWriter.Write(_folder.Path, [failed, SampleResults.Completed(2, 0)]); // rewritten whole

        var rows = Csv.Parse(File.ReadAllText(path));
        Assert.Equal(3, rows.Count);
        Assert.Equal(failed.FailureReason, Cells(rows[0], rows[1])["failure_reason"]);
        Assert.Equal([TrialsCsvWriter.FileName], _folder.FileNames());
    }

    private static string JsonName<T>(string property)
    {
        var options = new JsonSerializerOptions(TrialJson.Options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options.GetTypeInfo(typeof(T)).Properties.Single(p => p.AttributeProvider is PropertyInfo info && info.Name == property).Name;
    }

    private static Dictionary<string, string> Cells(string[] header, string[] row) =>
        header.Zip(row).ToDictionary(p => p.First, p => p.Second);

    private static double Number(string cell) => double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture);
}
