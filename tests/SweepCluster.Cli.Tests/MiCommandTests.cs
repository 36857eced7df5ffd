using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SweepCluster.Cli.Tests;

public sealed class MiCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mi-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Ksg_matches_the_closed_form_on_correlated_gaussians()
    {
        // One pair at rho = 0.9: I = -0.5 ln(1 - 0.81) = 0.8304 nats; KSG with N = 5000 is within 0.03.
        string csv = WriteCorrelated(rho: 0.9, n: 5000);
        var outcome = CliProcess.Run("mi", csv, "--x", "a", "--y", "1", "--json");
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        var json = JsonNode.Parse(outcome.StdOut)!;
        Assert.Equal("ksg", json["estimator"]!.GetValue<string>());
        Assert.Equal(5000, json["n"]!.GetValue<int>());
        Assert.InRange(json["mi_nats"]!.GetValue<double>(), 0.8304 - 0.03, 0.8304 + 0.03);
    }

    [Fact]
    public void Pairwise_brackets_a_gaussian_channel_on_a_finite_input()
    {
        // X uniform on {-1, +1}, T = X + N(0, 1): the exact I lies between the Bhattacharyya and KL bounds.
        var text = new StringBuilder("x,t\n-1,-1\n1,1\n");
        string csv = Path.Combine(_folder, "two.csv");
        File.WriteAllText(csv, text.ToString());
        var outcome = CliProcess.Run("mi", csv, "--x", "x", "--y", "t", "--estimator", "pairwise", "--noise", "1", "--json");
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        var json = JsonNode.Parse(outcome.StdOut)!;
        double lower = json["lower"]!.GetValue<double>(), upper = json["upper"]!.GetValue<double>();
        // KL upper: -(1/2) sum_i log((1 + e^-2) / 2) = log 2 - log(1 + e^-2); Bhattacharyya lower uses e^-0.5.
        Assert.Equal(Math.Log(2) - Math.Log(1 + Math.Exp(-2)), upper, 9);
        Assert.Equal(Math.Log(2) - Math.Log(1 + Math.Exp(-0.5)), lower, 9);
    }

    [Fact]
    public void A_malformed_csv_is_one_sentence_naming_the_line()
    {
        string csv = Path.Combine(_folder, "bad.csv");
        File.WriteAllText(csv, "a,b\n1,2\n3,abc\n");
        var outcome = CliProcess.Run("mi", csv, "--x", "a", "--y", "b");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("bad.csv", outcome.StdErr);
        Assert.Contains("abc", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }

    [Fact]
    public void An_unknown_column_is_refused()
    {
        string csv = WriteCorrelated(rho: 0.5, n: 10);
        var outcome = CliProcess.Run("mi", csv, "--x", "nope", "--y", "b");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("nope", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(3, 3)]
    [InlineData(200, 500)]
    public void Ksg_with_no_more_rows_than_k_is_one_sentence(int rows, int k)
    {
        string csv = WriteCorrelated(rho: 0.5, n: rows);
        var outcome = CliProcess.Run("mi", csv, "--x", "a", "--y", "b", "--k", k.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"has {rows} data row", outcome.StdErr);
        Assert.Contains($"--k {k}", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }

    [Theory]
    [InlineData("binning", "--bins", "4")]
    [InlineData("plugin", "--shuffles", "2")]
    [InlineData("pairwise", "--noise", "1")]
    public void Other_estimators_on_one_row_answer_or_refuse_without_a_crash(string estimator, string option, string value)
    {
        string csv = WriteCorrelated(rho: 0.5, n: 1);
        var outcome = CliProcess.Run("mi", csv, "--x", "a", "--y", "b", "--estimator", estimator, option, value);
        Assert.True(outcome.ExitCode is 0 or 2, $"exit {outcome.ExitCode}: {outcome.StdErr}");
        if (outcome.ExitCode == 2) TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }

    [Theory]
    [InlineData("KSG")]
    [InlineData("mine")]
    public void An_unknown_estimator_is_one_sentence_naming_the_known_ones(string estimator)
    {
        string csv = WriteCorrelated(rho: 0.5, n: 10);
        var outcome = CliProcess.Run("mi", csv, "--x", "a", "--y", "b", "--estimator", estimator);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"--estimator '{estimator}' is not known; use ksg, pairwise, binning or plugin.", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }

    private string WriteCorrelated(double rho, int n)
    {
        var random = new Random(7);
        var text = new StringBuilder("a,b\n");
        for (int i = 0; i < n; i++)
        {
            double u = Normal(random), v = Normal(random);
            double x = u, y = rho * u + Math.Sqrt(1 - rho * rho) * v;
            text.Append(x.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        string path = Path.Combine(_folder, $"rho{rho}.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
