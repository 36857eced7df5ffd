using System.ComponentModel;
using Spectre.Console.Cli;
using SweepCluster.Cluster;
using SweepCluster.Sessions;

namespace SweepCluster.Cli.Commands;

/// <summary>Options of the nodes that own a sweep's folder and journal (`run`, `coordinator`, `resume`).</summary>
internal class SweepFolderSettings : SlotSettings
{
    [CommandOption("--journal <CONNECTION>")]
    [Description("PostgreSQL connection string for the journal, e.g. \"Host=127.0.0.1;Database=sweeps;Username=sweeps\" (also SWEEPCLUSTER_JOURNAL); default: DIR/journal.db (SQLite).")]
    public string? Journal { get; init; }

    [CommandOption("--set <AXIS=VALUE>")]
    [Description("Override a grid axis or the seeds (repeatable), e.g. --set depth=1,2 --set seeds=0,1; written into the spec the journal records, and a sweep continued under it may only grow, as with a changed spec.")]
    public string[] Set { get; init; } = [];

    /// <summary>Opens the sweep's folder with the journal this command was given (see <see cref="SweepOpener"/>).</summary>
    public SweepOpener Opener => new(Journal);

    /// <summary>The options of a node that owns a sweep on <paramref name="port"/>: its coordinator, and a worker too
    /// unless told to run no slots.</summary>
    public NodeOptions OwnerOptions(int port, int defaultMetricsPort, int defaultPortsToTry = 1) => Apply(new NodeOptions
    {
        Port = port,
        Roles = Slots is 0 ? [SweepRoles.Coordinator] : [SweepRoles.Coordinator, SweepRoles.Worker],
    }, defaultMetricsPort, defaultPortsToTry);
}
