using System.Security.Cryptography;
using System.Text.Json;
using SweepCluster.Core;
using SweepCluster.Core.Results;
using SweepCluster.Core.Trials;
using SweepCluster.Sessions.Journals;

namespace SweepCluster.Sessions;

/// <summary>DIR/sweep.json: which sweep a results folder belongs to (its id, from which the journal's persistence id
/// is derived) and where its journal is kept. Written once, atomically, when the sweep starts; a PostgreSQL connection
/// string is never stored here, since it may carry a password.</summary>
public sealed record SweepFolder(string SweepId, JournalKind Journal)
{
    public const string FileName = "sweep.json";

    /// <summary>DIR/spec.yaml: the copy of the spec in force, beside the journal that records it.</summary>
    public const string SpecFileName = "spec.yaml";

    public static string PathIn(string dir) => Path.Combine(dir, FileName);

    /// <summary>The folder's marker, or null when it has none.</summary>
    /// <exception cref="UserInputException">The marker exists but cannot be read.</exception>
    public static SweepFolder? Read(string dir)
    {
        string path = PathIn(dir);
        if (!File.Exists(path)) return null;
        try
        {
            return TrialJson.Deserialize<SweepFolder>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path} is not a sweep marker ({e.Message}); restore it, or start a new sweep in another --out folder.");
        }
    }

    /// <summary>A new sweep of <paramref name="name"/>, with a unique id; not yet recorded anywhere.</summary>
    public static SweepFolder New(string name, JournalKind journal) =>
        new($"{name}-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}", journal);

    /// <summary>Records the marker in <paramref name="dir"/>, atomically. Written after the journal exists, so a
    /// folder with a marker always has its journal.</summary>
    public void WriteTo(string dir) => AtomicFile.WriteAllText(PathIn(dir), TrialJson.Serialize(this, indented: true) + "\n");
}
