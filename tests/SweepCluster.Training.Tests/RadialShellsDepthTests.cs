using System.Diagnostics;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Running;
using SweepCluster.Tests.Shared;
using Xunit.Abstractions;

namespace SweepCluster.Training.Tests;

/// <summary>The radial-shells task is one where depth helps: trained by the real runner on the example spec's settings,
/// three hidden layers reach a lower test error than one.</summary>
[Collection(TorchCollection.Name)]
public sealed class RadialShellsDepthTests(ITestOutputHelper output)
{
    private const int Seeds = 5;

    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    public void On_the_example_spec_three_layers_beat_one_on_every_seed(int width)
    {
        var spec = SpecLoader.Load(Path.Combine(TestRepository.Root, "cluster-config", "sweeps", "depth-helps-shells.yaml"));
        Assert.Equal(SyntheticTask.RadialShells, spec.Dataset.Task);
        // The spec's own trials at this width, no activation noise, end to end, seeds 0..4.
        Assert.Contains(spec.Grid.Single(a => a.Name == "width").Values, v => v.Number == width);
        var trials = GridExpander.Expand(spec).Select(t => t.Config)
            .Where(c => c.Width == width && c.ActNoise == 0 && c.Training.Mode == TrainingMode.EndToEnd && c.Seed < Seeds)
            .ToList();

        double[] shallow = TestErrors(trials, depth: 1), deep = TestErrors(trials, depth: 3);

        double[] differences = shallow.Zip(deep, (s, d) => s - d).ToArray();
        double mean = differences.Average();
        double sd = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (Seeds - 1));
        output.WriteLine($"depth 1: {string.Join(", ", shallow.Select(e => e.ToString("F3")))}; depth 3: {string.Join(", ", deep.Select(e => e.ToString("F3")))}; paired t = {mean / (sd / Math.Sqrt(Seeds)):F1}");
        Assert.All(differences, d => Assert.True(d > 0, $"a seed where depth 3 is no better than depth 1: {string.Join(", ", differences)}"));
        Assert.True(mean > 3 * sd / Math.Sqrt(Seeds), $"mean improvement {mean:F3} is within 3 standard errors ({sd / Math.Sqrt(Seeds):F3}) of 0");
        Assert.True(mean > 0.1, $"mean improvement {mean:F3}");
    }

    /// <summary>The seeds of one depth trained as one pack (the numbers each has alone), in seed order.</summary>
    private double[] TestErrors(IReadOnlyList<TrialConfig> trials, int depth)
    {
        var clock = Stopwatch.StartNew();
        var pack = trials.Where(c => c.Depth == depth).OrderBy(c => c.Seed).Select(c => new PackMember(TrialIdentity.Of(c), c)).ToList();
        Assert.Equal(Seeds, pack.Count);
        var results = new TorchTrialRunner().RunPack(pack, new TrialRunContext("cpu", 1), CancellationToken.None);
        Assert.All(results, r => Assert.Equal(TrialStatus.Completed, r.Status));
        output.WriteLine($"depth {depth}: {clock.Elapsed.TotalSeconds:F1} s");
        return results.Select(r => r.TestError).ToArray();
    }
}
