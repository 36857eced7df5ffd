using SweepCluster.Core;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Spec;

/// <summary>The text a sweep records for `run SPEC --set ...` is the spec with the overrides written in: read back, it
/// plans exactly the trials the overrides make, so a resume without the flags runs the same grid.</summary>
public sealed class OverriddenSpecTests
{
    private const string Yaml = """
        # What this sweep is for.
        name: x
        training:
          epochs: 10
        grid:
          depth: [1, 2]
          width: 4
          act_noise: [0, 1]
        seeds: 2
        """;

    [Fact]
    public void The_written_text_plans_the_trials_the_overrides_make()
    {
        string[] overrides = ["depth=3,1", "epochs=5", "act_noise=0.25", "seeds=0,4"];

        var (spec, yaml) = OverriddenSpec.Read(Yaml, "/specs/x.yaml", overrides, "--set");

        var expected = GridExpander.Expand(SpecOverrides.Apply(SpecLoader.Parse(Yaml, "/specs/x.yaml"), overrides));
        Assert.Equal(expected.Select(t => t.Id), GridExpander.Expand(spec).Select(t => t.Id));
        Assert.Equal(expected.Select(t => t.Id), GridExpander.Expand(SpecLoader.Parse(yaml, "/specs/x.yaml")).Select(t => t.Id));
        // training.epochs moved into the grid (a setting given in both places is refused), the comment kept, the
        // overrides named.
        Assert.DoesNotContain("epochs: 10", yaml);
        Assert.StartsWith("# What this sweep is for.\n# x.yaml with --set depth=3,1 --set epochs=5 --set act_noise=0.25 --set seeds=0,4\n", yaml.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Without_overrides_the_text_is_the_file_as_it_was()
    {
        var (spec, yaml) = OverriddenSpec.Read(Yaml, "/specs/x.yaml", [], "--set");

        Assert.Same(Yaml, yaml);
        Assert.Equal(8, GridExpander.Expand(spec).Count);
    }

    [Fact]
    public void A_misspelt_axis_is_one_sentence_naming_the_flag()
    {
        var e = Assert.Throws<UserInputException>(() => OverriddenSpec.Read(Yaml, "/specs/x.yaml", ["detph=2"], "--set"));

        Assert.StartsWith("--set 'detph=2' names no grid axis (did you mean 'depth'?)", e.Message);
    }
}
