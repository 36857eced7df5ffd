using Akka.Hosting;

namespace SweepCluster.Cluster.Hosting;

/// <summary>How much Akka itself writes to the console on a node.</summary>
public enum NodeLogLevel
{
    /// <summary>Errors only: under a progress display, or in a short-lived journal-reading system.</summary>
    Error,

    /// <summary>Warnings and errors: a standalone coordinator or worker, whose log is the operator's view.</summary>
    Warning,

    /// <summary>Nothing: a read-only journal reader, which reports what fails as one sentence of its own.</summary>
    Off,
}

public static class NodeLogLevelHocon
{
    /// <summary>Sets Akka's log level (and its stdout logger's) to <paramref name="level"/>; the one place the enum
    /// becomes Akka's HOCON word.</summary>
    public static AkkaConfigurationBuilder WithLogLevel(this AkkaConfigurationBuilder akka, NodeLogLevel level)
    {
        string word = level switch
        {
            NodeLogLevel.Error => "ERROR",
            NodeLogLevel.Warning => "WARNING",
            NodeLogLevel.Off => "OFF",
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not an Akka log level this node knows."),
        };
        return akka.AddHocon($"akka.loglevel = {word}\nakka.stdout-loglevel = {word}", HoconAddMode.Prepend);
    }
}
