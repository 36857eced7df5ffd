namespace SweepCluster.Core.Tests.Data;

/// <summary>A private temporary folder for CSV files, deleted with the test class.</summary>
public sealed class TempCsv : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sweepcluster-csv-" + Guid.NewGuid().ToString("N"));

    public TempCsv() => Directory.CreateDirectory(_folder);

    public string Folder => _folder;

    /// <summary>Writes the text verbatim (no newline translation) and returns the file's path.</summary>
    public string Write(string text, string name = "data.csv")
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
