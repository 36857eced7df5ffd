using Npgsql;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core;

namespace SweepCluster.Sessions;

/// <summary>The PostgreSQL connection string a user gave with --journal or SWEEPCLUSTER_JOURNAL, read at the edge and
/// checked once; the folder's marker then decides whether it is used (<see cref="SweepFolder.JournalIn"/>).</summary>
public static class JournalConnection
{
    /// <summary>The variable that may hold the PostgreSQL connection string instead of --journal (compose files).</summary>
    public const string Variable = "SWEEPCLUSTER_JOURNAL";

    /// <summary>The --journal flag's value, else the environment's, else null (a SQLite journal in the folder).</summary>
    public static string? FromFlagOrEnvironment(string? flag) =>
        !string.IsNullOrWhiteSpace(flag) ? flag
        : Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    /// <summary>The journal in the PostgreSQL database <paramref name="connectionString"/> names.</summary>
    /// <exception cref="UserInputException">It is not a connection string, or names no host or database.</exception>
    public static JournalSettings PostgreSql(string connectionString)
    {
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new UserInputException($"--journal is not a PostgreSQL connection string ({e.Message}); write it as \"Host=127.0.0.1;Database=sweeps;Username=sweeps;Password=...\".");
        }
        if (string.IsNullOrWhiteSpace(parsed.Host) || string.IsNullOrWhiteSpace(parsed.Database))
            throw new UserInputException("--journal must name a Host and a Database, such as \"Host=127.0.0.1;Database=sweeps;Username=sweeps\".");
        return JournalSettings.PostgreSql(connectionString);
    }
}
