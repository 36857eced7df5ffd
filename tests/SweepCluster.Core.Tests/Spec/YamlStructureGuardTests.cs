using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Spec;

/// <summary>Shapes that crashed or stalled the YAML representation model are refused first, with a position.</summary>
public sealed class YamlStructureGuardTests
{
    private static string ErrorOf(string yaml) =>
        Assert.Throws<UserInputException>(() => SpecLoader.Parse(yaml, "/specs/guard.yaml")).Message;

    [Fact]
    public void An_alias_inside_the_node_it_names_is_refused_instead_of_overflowing_the_stack()
    {
        // Before the guard this input killed the whole process with a stack overflow in YamlSequenceNode.GetHashCode.
        Assert.Equal("guard.yaml:1:7: the spec uses the alias '*a' inside the node it names; write the value out instead.",
            ErrorOf("- &a [*a]\n"));
        Assert.Equal("guard.yaml:5:18: grid.act_noise uses the alias '*z' inside the node it names; write the value out instead.",
            ErrorOf("name: x\ngrid:\n  depth: 1\n  width: 4\n  act_noise: &z [*z]\n"));
    }

    [Fact]
    public void A_list_or_alias_as_a_key_is_refused()
    {
        Assert.Equal("guard.yaml:1:3: the spec has a list or mapping as a key; keys must be plain words such as 'depth'.",
            ErrorOf("? &a [*a]\n: b\n"));
        Assert.Equal("guard.yaml:2:1: the spec uses the alias '*n' as a key; write the key out as a plain word.",
            ErrorOf("name: &n x\n*n : y\n"));
    }

    [Fact]
    public void Deep_nesting_is_refused_at_the_level_that_is_too_deep()
    {
        string message = ErrorOf("name: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        Assert.Equal("guard.yaml:1:38: name nests lists or mappings more than 32 deep; a spec needs at most three levels.", message);
    }

    [Fact]
    public void An_alias_to_no_anchor_is_reported_where_the_alias_is()
    {
        Assert.Equal("guard.yaml:3:10: grid.depth uses the alias '*zz', but no anchor '&zz' comes before it; define the anchor first or write the value out.",
            ErrorOf("name: x\ngrid:\n  depth: *zz\n  width: 4\n"));
    }

    [Fact]
    public void An_unclosed_flow_list_points_at_its_bracket()
    {
        Assert.StartsWith("guard.yaml:3:10: the YAML is malformed", ErrorOf("name: x\ngrid:\n  depth: [1\n  width: 4\n"));
    }

    [Fact]
    public void Ordinary_anchors_and_aliases_still_work()
    {
        var spec = SpecLoader.Parse("name: x\ngrid:\n  depth: &d [1, 2]\n  width: *d\n", "/specs/guard.yaml");
        Assert.Equal(4, GridExpander.Expand(spec).Count);
    }

    [Fact]
    public void A_quoted_multi_line_value_stays_on_one_line_in_the_message()
    {
        string message = ErrorOf("name: x\ngrid:\n  depth: \"1\n    2\"\n  width: 4\n");
        Assert.DoesNotContain('\n', message);
        Assert.StartsWith("guard.yaml:3:10: grid.depth must be a number", message);
    }
}
