using SweepCluster.Core;
using SweepCluster.Core.Data;

namespace SweepCluster.Core.Tests.Data;

public sealed class ColumnSelectorTests
{
    private static readonly string[] Header = ["a", "b", "c", "d", "e"];

    [Theory]
    [InlineData("b", new[] { 1 })]
    [InlineData("3", new[] { 3 })]
    [InlineData("1-3", new[] { 1, 2, 3 })]
    [InlineData("0-0", new[] { 0 })]
    [InlineData("e, 0-1 ,c", new[] { 4, 0, 1, 2 })]
    [InlineData(" 2 - 4 ", new[] { 2, 3, 4 })]
    public void Names_indices_and_inclusive_ranges_select_in_the_order_given(string spec, int[] expected)
    {
        Assert.Equal(expected, ColumnSelector.Parse(spec, Header));
    }

    [Fact]
    public void A_name_that_looks_like_an_index_means_the_name()
    {
        Assert.Equal([1], ColumnSelector.Parse("0", ["x", "0"])); // the column named "0", not index 0
        Assert.Equal([0], ColumnSelector.Parse("1", ["1", "x"])); // the column named "1", not index 1
        Assert.Equal([1], ColumnSelector.Parse("1", ["x", "0"])); // no such name: index 1
    }

    private static string Fails(string spec, IReadOnlyList<string>? header = null)
    {
        var error = Assert.Throws<UserInputException>(() => ColumnSelector.Parse(spec, header ?? Header));
        Assert.EndsWith(".", error.Message);
        return error.Message;
    }

    [Fact]
    public void Unknown_name_lists_the_header()
    {
        string message = Fails("a,zz");
        Assert.Contains("'zz' is neither a column name nor a 0-based index or range", message);
        Assert.Contains("the 5 columns 0 'a', 1 'b', 2 'c', 3 'd', 4 'e' (indices 0-4)", message);
    }

    [Theory]
    [InlineData("7", "column index 7 in '7' is outside the header")]
    [InlineData("-1", "column index -1 in '-1' is outside the header")]
    [InlineData("3-9", "column index 9 in '3-9' is outside the header")]
    public void Out_of_range_index_names_the_item_and_lists_the_header(string spec, string expected)
    {
        string message = Fails(spec);
        Assert.Contains(expected, message);
        Assert.Contains("0 'a'", message);
    }

    [Fact]
    public void Backward_range_suggests_the_right_order()
    {
        Assert.Contains("the column range '3-1' runs backward; write the lower index first, e.g. 1-3", Fails("3-1"));
    }

    [Theory]
    [InlineData("a,,b", "has an empty item")]
    [InlineData("a,", "has an empty item")]
    [InlineData("  ", "the column selection is empty")]
    [InlineData("0-2,c", "selects column 2 'c' twice")]
    public void Malformed_selections_say_what_is_wrong(string spec, string expected)
    {
        Assert.Contains(expected, Fails(spec));
    }

    [Fact]
    public void A_wide_header_is_listed_only_in_part()
    {
        string[] wide = Enumerable.Range(0, 30).Select(i => $"p{i}").ToArray();
        string message = Fails("q", wide);
        Assert.Contains("19 'p19', ... (10 more) (indices 0-29)", message);
        Assert.DoesNotContain("'p20'", message);
    }
}
