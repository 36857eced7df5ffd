using System.Globalization;

namespace SweepCluster.Core.Data;

/// <summary>A numeric CSV file with a header row, held in memory so that column groups can be selected from it.</summary>
/// <remarks>
/// Comma separated, no quoted fields beyond optional double quotes around a whole header name or value; whitespace
/// around fields is trimmed; blank lines are skipped. Every mistake in the file is a <see cref="UserInputException"/>
/// whose one sentence names the file, the line (1-based, as an editor shows it), the column and the fix.
/// </remarks>
public sealed class CsvTable
{
    private readonly SampleMatrix _values;

    private CsvTable(string path, IReadOnlyList<string> header, SampleMatrix values)
    {
        Path = path;
        Header = header;
        _values = values;
    }

    /// <summary>The path the table was loaded from, as given.</summary>
    public string Path { get; }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Reads the whole file.</summary>
    /// <exception cref="UserInputException">The file is missing, unreadable, empty or malformed.</exception>
    public static CsvTable Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            throw new UserInputException($"{path} is a directory, not a CSV file; give the path of a .csv file with a header row.");
        if (!File.Exists(path))
            throw new UserInputException(
                $"{path} does not exist; check the path (relative paths start at {Environment.CurrentDirectory}).");
        try
        {
            return Parse(path, File.ReadLines(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path} could not be read ({e.Message}); check that the file is readable.", e);
        }
    }

    /// <summary>The chosen columns, in the order given, one row per data row.</summary>
    public SampleMatrix Select(int[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (int c in columns)
            if ((uint)c >= (uint)Header.Count)
                throw new ArgumentOutOfRangeException(nameof(columns), c, $"Column index outside 0..{Header.Count - 1}.");
        return _values.SelectColumns(columns);
    }

    private static CsvTable Parse(string path, IEnumerable<string> lines)
    {
        string[]? header = null;
        var values = new List<double>();
        int lineNumber = 0;
        foreach (string line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] fields = line.Split(',');
            if (header is null)
            {
                header = ParseHeader(path, lineNumber, fields);
                continue;
            }
            if (fields.Length != header.Length)
                throw new UserInputException(WrongFieldCount(path, lineNumber, fields.Length, header));
            for (int c = 0; c < fields.Length; c++)
                values.Add(ParseValue(path, lineNumber, header[c], fields[c]));
        }
        if (header is null)
            throw new UserInputException($"{path} is empty; it needs a header row naming the columns, then one row of numbers per sample.");
        if (values.Count == 0)
            throw new UserInputException($"{path} has a header row but no data rows; add one row of numbers per sample below the header.");
        return new CsvTable(path, header, new SampleMatrix(values.ToArray(), values.Count / header.Length, header.Length));
    }

    private static string[] ParseHeader(string path, int lineNumber, string[] fields)
    {
        var header = new string[fields.Length];
        var firstColumnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < fields.Length; c++)
        {
            string name = Unquote(fields[c]);
            if (name.Length == 0)
                throw new UserInputException(
                    $"{path} line {lineNumber}: header column {c} has no name; give every column a name in the header row.");
            if (firstColumnOf.TryGetValue(name, out int first))
                throw new UserInputException(
                    $"{path} line {lineNumber}: the header names column '{name}' twice (columns {first} and {c}); rename one so every name is unique.");
            firstColumnOf[name] = c;
            header[c] = name;
        }
        return header;
    }

    private static double ParseValue(string path, int lineNumber, string column, string field)
    {
        string text = Unquote(field);
        string where = $"{path} line {lineNumber}, column '{column}'";
        if (text.Length == 0)
            throw new UserInputException($"{where}: the value is empty; fill in a number or remove the row.");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new UserInputException($"{where}: '{text}' is not a number; write it as a plain number such as 0.5 or -1.2e3, or remove the row.");
        // double.TryParse accepts "NaN" and "Infinity"; no estimator can use them.
        if (!double.IsFinite(value))
            throw new UserInputException($"{where}: '{text}' is not a finite number; replace it with a number or remove the row.");
        return value;
    }

    private static string WrongFieldCount(string path, int lineNumber, int fieldCount, string[] header)
    {
        string detail = fieldCount < header.Length
            ? $"column '{header[fieldCount]}' onward is missing"
            : $"there are {fieldCount - header.Length} more than the header names";
        return $"{path} line {lineNumber} has {fieldCount} fields but the header has {header.Length} columns ({detail}); "
            + "give every row exactly one comma-separated value per header column.";
    }

    private static string Unquote(string field)
    {
        string trimmed = field.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' ? trimmed[1..^1].Trim() : trimmed;
    }
}
