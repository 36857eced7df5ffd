using System.Text.Json;
using SweepCluster.Core.Results;

namespace SweepCluster.Core.Tests.Results;

public sealed class CurveFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static IReadOnlyList<CurveRow> Rows()
    {
        var aggregator = new CurveAggregator();
        foreach (var width in new[] { 64, 8 })
        foreach (var depth in new[] { 3, 1, 2 })
        foreach (var seed in new[] { 0, 1, 2 })
            aggregator.Add(SampleResults.Completed(depth, seed, width, bIsmi: seed == 1 ? null : 0.5 + seed));
        aggregator.Add(SampleResults.Failed(2, 5, width: 8));
        return aggregator.Rows();
    }

    [Fact]
    public void Csv_and_json_are_written_and_parse_back_sorted()
    {
        var rows = Rows().Reverse().ToList(); // handed over unsorted: the files sort them
        var (csvPath, jsonPath) = CurveFiles.Write(_folder.Path, rows);

        var csv = Csv.Parse(File.ReadAllText(csvPath));
        Assert.Equal(CurveFiles.CsvHeader(3), csv[0]);
        Assert.Equal(7, csv.Count);
        var column = csv[0].Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        var order = csv.Skip(1).Select(r => (int.Parse(r[column["width"]]), int.Parse(r[column["depth"]]))).ToList();
        Assert.Equal([(8, 1), (8, 2), (8, 3), (64, 1), (64, 2), (64, 3)], order);

        var sorted = rows.OrderBy(r => r.Key).ThenBy(r => r.Depth).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            var line = csv[i + 1];
            var gap = sorted[i].Get(CurveQuantities.Gap);
            Assert.Equal(gap.Mean, double.Parse(line[column["gap_mean"]], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(gap.CiLow, double.Parse(line[column["gap_ci_low"]], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("3", line[column["n_seeds"]]);
            Assert.Equal("2", line[column["b_ismi_n"]]);
            Assert.Equal("sgld", line[column["optimizer"]]);
        }
        Assert.Equal("1", csv[2][column["n_failed"]]); // width 8, depth 2

        var back = CurveFiles.ReadJson(jsonPath);
        Assert.Equal(sorted.Select(r => (r.Key, r.Depth, r.NSeeds, r.NFailed)), back.Select(r => (r.Key, r.Depth, r.NSeeds, r.NFailed)));
        Assert.Equal(CurveFiles.FormatJson(sorted), CurveFiles.FormatJson(back));
        Assert.Equal(sorted[0].Get(CurveQuantities.BPaper).PerSeed, back[0].Get(CurveQuantities.BPaper).PerSeed);
    }

    [Fact]
    public void Json_rows_carry_key_fields_and_per_seed_values()
    {
        var (_, jsonPath) = CurveFiles.Write(_folder.Path, Rows());

        using var document = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var first = document.RootElement.GetProperty("rows")[0];

        Assert.Equal(8, first.GetProperty("width").GetInt32());
        Assert.Equal(0.1, first.GetProperty("act_noise").GetDouble());
        Assert.Equal(1, first.GetProperty("depth").GetInt32());
        var paper = first.GetProperty("quantities").GetProperty("b_paper");
        Assert.Equal(3, paper.GetProperty("n").GetInt32());
        Assert.Equal([0, 1, 2], paper.GetProperty("per_seed").EnumerateArray().Select(s => s.GetProperty("seed").GetInt32()));
        Assert.True(paper.GetProperty("ci_low").GetDouble() < paper.GetProperty("ci_high").GetDouble());
    }

    [Fact]
    public void Writing_leaves_no_temp_file_behind()
    {
        CurveFiles.Write(_folder.Path, Rows());
        CurveFiles.Write(_folder.Path, Rows()); // overwriting goes through temp files too

        Assert.Equal([CurveFiles.CsvFileName, CurveFiles.JsonFileName], _folder.FileNames());
    }

    [Fact]
    public void Atomic_write_replaces_the_whole_file()
    {
        var path = _folder.File("x.txt");
        AtomicFile.WriteAllText(path, new string('a', 10_000));
        AtomicFile.WriteAllText(path, "short");

        Assert.Equal("short", File.ReadAllText(path));
        Assert.Equal(["x.txt"], _folder.FileNames());
    }
}
