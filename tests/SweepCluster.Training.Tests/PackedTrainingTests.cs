using System.Text.Json.Nodes;
using SweepCluster.Core;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Running;

namespace SweepCluster.Training.Tests;

/// <summary>A pack trains its trials as one batched network and measures them batched too (errors under every noise draw,
/// train and test; activations, the pairwise bracket and i_x_t at every layer; Fano's I(Y;T_L)); each trial's numbers
/// must be those it has alone, bit for bit (a resumed sweep's trials run in other packs than an uninterrupted run's),
/// whatever its pack-mates' seeds, noise levels or fate. The pack below mixes binning (act_noise 0), input noise and
/// several noise stds, so every grouping of the batched measurement is met.</summary>
[Collection(TorchCollection.Name)]
public sealed class PackedTrainingTests
{
    private static readonly TrialRunContext Context = new("cpu", 1);

    /// <summary>Four trials that differ in everything a pack lets differ: seed, activation, input, label and update
    /// noise, and dropout.</summary>
    private static TrialConfig[] Pack(TrainingMode mode)
    {
        var small = TrialConfigs.Small(depth: 3, width: 8);
        var config = small with { Training = small.Training with { Mode = mode, Clip = 1.0, Optimizer = OptimizerKind.Sgld, Epochs = 4 } };
        return
        [
            config with { Seed = 0, ActNoise = 0, SgldNoise = 0 },
            config with { Seed = 1, ActNoise = 0.5, SgldNoise = 0.01, LabelNoise = 0.1 },
            config with { Seed = 2, ActNoise = 1.0, SgldNoise = 0.02, Dropout = 0.2 },
            config with { Seed = 3, ActNoise = 0.5, SgldNoise = 0.01, LabelNoise = 0.2, InputNoise = 0.3 },
        ];
    }

    [Theory]
    [InlineData(TrainingMode.EndToEnd)]
    [InlineData(TrainingMode.FrozenFeatures)]
    public void A_packed_trial_gives_the_numbers_it_gives_alone(TrainingMode mode)
    {
        TrialConfig[] configs = Pack(mode);
        var runner = new TorchTrialRunner();
        var packed = runner.RunPack(configs.Select(c => new PackMember(TrialIdentity.Of(c), c)).ToList(), Context, CancellationToken.None);

        Assert.Equal(configs.Length, packed.Count);
        for (int s = 0; s < configs.Length; s++)
        {
            var alone = runner.Run(TrialIdentity.Of(configs[s]), configs[s], Context, CancellationToken.None);
            Assert.Equal(TrialStatus.Completed, packed[s].Status);
            Assert.Equal(configs.Length, packed[s].Run!.PackSize);
            Assert.Equal(1, alone.Run!.PackSize);
            AssertSameNumbers(alone, packed[s]);
        }
    }

    [Fact]
    public void A_member_that_diverges_fails_alone_and_leaves_its_pack_mates_as_they_are_alone()
    {
        TrialConfig[] configs = Pack(TrainingMode.EndToEnd);
        configs[1] = configs[1] with { SgldNoise = 1e300 }; // its first update makes its weights infinite
        var runner = new TorchTrialRunner();
        var packed = runner.RunPack(configs.Select(c => new PackMember(TrialIdentity.Of(c), c)).ToList(), Context, CancellationToken.None);

        Assert.Equal(TrialStatus.Failed, packed[1].Status);
        Assert.Equal("diverged at step 1", packed[1].FailureReason);
        foreach (int s in new[] { 0, 2, 3 })
            AssertSameNumbers(runner.Run(TrialIdentity.Of(configs[s]), configs[s], Context, CancellationToken.None), packed[s]);
    }

    [Fact]
    public void Trials_with_different_pack_keys_or_adam_are_refused_as_a_pack()
    {
        var config = TrialConfigs.Small();
        var deeper = config with { Depth = 3 };
        var adam = config with { Training = config.Training with { Optimizer = OptimizerKind.Adam } };
        var runner = new TorchTrialRunner();
        Assert.Throws<ArgumentException>(() => runner.RunPack(
            [new PackMember(TrialIdentity.Of(config), config), new PackMember(TrialIdentity.Of(deeper), deeper)], Context, CancellationToken.None));
        Assert.Throws<ArgumentException>(() => runner.RunPack(
            [new PackMember(TrialIdentity.Of(adam), adam), new PackMember(TrialIdentity.Of(adam with { Seed = 1 }), adam with { Seed = 1 })],
            Context, CancellationToken.None));
    }

    /// <summary>Every number of the two results equal, bit for bit (timings, thread count and pack size aside), and every
    /// other value equal.</summary>
    private static void AssertSameNumbers(TrialResult alone, TrialResult packed)
    {
        JsonNode Comparable(TrialResult r) => JsonNode.Parse(TrialJson.Serialize(r with { Timings = null, Run = r.Run! with { Threads = 0, PackSize = 1 } }))!;
        Compare(Comparable(alone), Comparable(packed), "$");
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject obj:
                var other = Assert.IsType<JsonObject>(actual);
                Assert.Equal(obj.Select(p => p.Key).Order(), other.Select(p => p.Key).Order());
                foreach (var (key, value) in obj) Compare(value, other[key], $"{path}.{key}");
                break;
            case JsonArray array:
                var items = Assert.IsType<JsonArray>(actual);
                Assert.Equal(array.Count, items.Count);
                for (int i = 0; i < array.Count; i++) Compare(array[i], items[i], $"{path}[{i}]");
                break;
            case JsonValue value when value.TryGetValue(out double number):
                double got = actual!.GetValue<double>();
                Assert.True(number.Equals(got),
                    $"{path}: alone {number:R}, packed {got:R}");
                break;
            default:
                Assert.Equal(expected?.ToJsonString(), actual?.ToJsonString());
                break;
        }
    }
}
