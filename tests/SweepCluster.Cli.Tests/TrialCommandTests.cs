using System.Text.Json;
using System.Text.Json.Nodes;

namespace SweepCluster.Cli.Tests;

public sealed class TrialCommandTests
{
    private const string OneTrial = "cluster-config/sweeps/one-trial.yaml";

    [Fact]
    public void One_trial_prints_a_full_result_and_the_same_numbers_twice()
    {
        var first = CliProcess.Run("trial", OneTrial, "--json", "--threads", "1");
        var second = CliProcess.Run("trial", OneTrial, "--json", "--threads", "1");
        Assert.True(first.ExitCode == 0, first.StdErr);
        var json = JsonNode.Parse(first.StdOut)!.AsObject();
        foreach (string field in new[] { "trial_id", "config", "status", "train_error", "test_error", "gap", "train_loss", "test_loss", "layers", "i_sgld", "bounds", "fano_lower", "timings" })
            Assert.True(json.ContainsKey(field), $"missing {field}");
        Assert.Equal("completed", json["status"]!.GetValue<string>().ToLowerInvariant());
        var layer = json["layers"]!.AsArray()[0]!.AsObject();
        foreach (string field in new[] { "i_x_t_lower", "i_x_t_upper", "i_y_t", "saturated", "eta_analytic", "eta_empirical" })
            Assert.True(layer.ContainsKey(field), $"missing layers[0].{field}");
        foreach (string bound in new[] { "b_xr_out", "b_paper", "b_ismi" })
            Assert.True(json["bounds"]!.AsObject().ContainsKey(bound), $"missing bounds.{bound}");

        Assert.Equal(WithoutTimings(first.StdOut), WithoutTimings(second.StdOut));
    }

    [Fact]
    public void A_spec_with_many_trials_is_refused_with_the_count_and_a_pointer_to_run()
    {
        var outcome = CliProcess.Run("trial", "cluster-config/sweeps/quickstart.yaml");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("trials", outcome.StdErr);
        Assert.Contains("sweepcluster run", outcome.StdErr);
        AssertOneSentence(outcome.StdErr);
    }

    [Fact]
    public void An_unknown_key_is_one_sentence_with_the_nearest_key_and_exit_code_2()
    {
        string spec = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(spec, "name: bad\ngrid:\n  detph: [1]\n  width: [4]\n");
        try
        {
            var outcome = CliProcess.Run("trial", spec);
            Assert.Equal(2, outcome.ExitCode);
            Assert.Contains("depth", outcome.StdErr);
            Assert.Contains(Path.GetFileName(spec), outcome.StdErr);
            AssertOneSentence(outcome.StdErr);
        }
        finally
        {
            File.Delete(spec);
        }
    }

    [Fact]
    public void A_missing_spec_file_is_a_clear_error()
    {
        var outcome = CliProcess.Run("trial", "no/such/spec.yaml");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("no/such/spec.yaml", outcome.StdErr);
        AssertOneSentence(outcome.StdErr);
    }

    [Fact]
    public void A_cuda_device_on_a_cpu_build_is_refused_clearly()
    {
        var outcome = CliProcess.Run("trial", OneTrial, "--device", "cuda:0");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("cuda:0", outcome.StdErr);
        AssertOneSentence(outcome.StdErr);
    }

    internal static void AssertOneSentence(string stderr)
    {
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", stderr);
    }

    private static string WithoutTimings(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("timings");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
