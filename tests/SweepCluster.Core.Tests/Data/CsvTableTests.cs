using SweepCluster.Core;
using SweepCluster.Core.Data;

namespace SweepCluster.Core.Tests.Data;

public sealed class CsvTableTests : IDisposable
{
    private readonly TempCsv _files = new();

    public void Dispose() => _files.Dispose();

    private UserInputException LoadFails(string text, string name = "data.csv")
    {
        string path = _files.Write(text, name);
        var error = Assert.Throws<UserInputException>(() => CsvTable.Load(path));
        AssertOneSentence(error.Message);
        Assert.Contains(path, error.Message);
        return error;
    }

    private static void AssertOneSentence(string message)
    {
        Assert.EndsWith(".", message);
        Assert.DoesNotContain(". ", message[..^1]);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void Header_names_are_trimmed_and_unquoted_and_values_parsed_invariantly()
    {
        string path = _files.Write(" \"x1\", x2 ,y\n1,2,3\n4.5, -1e-3 ,\"6\"\n\n\n");
        var table = CsvTable.Load(path);
        Assert.Equal(["x1", "x2", "y"], table.Header);
        Assert.Equal(path, table.Path);
        var selected = table.Select([2, 0]);
        Assert.Equal(2, selected.Rows);
        Assert.Equal(2, selected.Columns);
        Assert.Equal([3.0, 1.0, 6.0, 4.5], selected.Data);
        Assert.Equal([2.0, -0.001], table.Select([1]).Data);
    }

    [Fact]
    public void Windows_line_endings_and_blank_lines_between_rows_are_accepted()
    {
        var table = CsvTable.Load(_files.Write("a,b\r\n1,2\r\n\r\n3,4\r\n"));
        Assert.Equal([1.0, 2.0, 3.0, 4.0], table.Select([0, 1]).Data);
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        string path = Path.Combine(_files.Folder, "nope.csv");
        var error = Assert.Throws<UserInputException>(() => CsvTable.Load(path));
        Assert.StartsWith($"{path} does not exist; check the path", error.Message);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public void A_directory_is_not_a_csv_file()
    {
        var error = Assert.Throws<UserInputException>(() => CsvTable.Load(_files.Folder));
        Assert.Contains("is a directory", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n\n")]
    public void Empty_file_asks_for_a_header(string text)
    {
        var error = LoadFails(text);
        Assert.Contains("is empty; it needs a header row", error.Message);
    }

    [Fact]
    public void Header_without_rows_asks_for_data()
    {
        Assert.Contains("has a header row but no data rows", LoadFails("a,b\n").Message);
    }

    [Fact]
    public void Short_row_names_its_line_and_the_first_missing_column()
    {
        var error = LoadFails("a,b,c\n1,2,3\n4,5\n");
        Assert.Contains("line 3 has 2 fields but the header has 3 columns (column 'c' onward is missing)", error.Message);
        Assert.Contains("one comma-separated value per header column", error.Message);
    }

    [Fact]
    public void Long_row_says_how_many_extra_fields()
    {
        var error = LoadFails("a,b\n1,2,3,4\n");
        Assert.Contains("line 2 has 4 fields but the header has 2 columns (there are 2 more than the header names)", error.Message);
    }

    [Fact]
    public void Non_numeric_value_names_file_line_column_and_value()
    {
        // Header on line 1, 15 good rows on lines 2-16, the bad value on line 17.
        string text = "x1,x2\n" + string.Concat(Enumerable.Range(0, 15).Select(i => $"{i},{i}\n")) + "1,abc\n";
        string path = _files.Write(text);
        var error = Assert.Throws<UserInputException>(() => CsvTable.Load(path));
        Assert.StartsWith($"{path} line 17, column 'x2': 'abc' is not a number; ", error.Message);
        Assert.Contains("or remove the row", error.Message);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public void Line_numbers_count_skipped_blank_lines()
    {
        Assert.Contains("line 4, column 'a': 'x' is not a number", LoadFails("a\n1\n\nx\n").Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Non_finite_values_are_rejected(string value)
    {
        Assert.Contains($"line 2, column 'b': '{value}' is not a finite number", LoadFails($"a,b\n1,{value}\n").Message);
    }

    [Fact]
    public void Empty_value_is_named()
    {
        Assert.Contains("line 2, column 'b': the value is empty; fill in a number", LoadFails("a,b\n1, \n").Message);
    }

    [Fact]
    public void Duplicate_header_names_name_both_columns()
    {
        var error = LoadFails("a,b,\"a\"\n1,2,3\n");
        Assert.Contains("line 1: the header names column 'a' twice (columns 0 and 2); rename one", error.Message);
    }

    [Fact]
    public void Nameless_header_column_is_rejected()
    {
        Assert.Contains("header column 1 has no name", LoadFails("a,,c\n1,2,3\n").Message);
    }
}
