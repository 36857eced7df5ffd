using System.Text.Json;
using SweepCluster.Core.Results;

namespace SweepCluster.Cluster.Tests.Support;

/// <summary>The trial ids in a results folder's trials.jsonl, read line by line as any reader of the file would (each
/// line a whole JSON object): what is on disk now, not what the writer holds.</summary>
internal static class TrialsJsonlIds
{
    public static IReadOnlyList<string> In(string folder) =>
        File.ReadLines(Path.Combine(folder, TrialsJsonlWriter.FileName))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("trial_id").GetString()!)
            .ToList();
}
