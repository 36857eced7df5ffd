using System.ComponentModel;
using Spectre.Console.Cli;

namespace SweepCluster.Cli.Commands;

/// <summary>Options of the nodes that own a sweep's folder and journal (`run`, `coordinator`, `resume`).</summary>
public class SweepFolderSettings : SlotSettings
{
    [CommandOption("--journal <CONNECTION>")]
    [Description("PostgreSQL connection string for the journal, e.g. \"Host=127.0.0.1;Database=sweeps;Username=sweeps\" (also SWEEPCLUSTER_JOURNAL); default: DIR/journal.db (SQLite).")]
    public string? Journal { get; init; }
}
