using System.Text.Json.Nodes;

namespace SweepCluster.Integration.Tests;

/// <summary>The whole lines of a trials.jsonl (a torn last line is left out) and what a crash test compares in them.</summary>
internal static class TrialLines
{
    public static IReadOnlyList<JsonObject> Read(string jsonl) =>
        File.Exists(jsonl)
            ? File.ReadAllLines(jsonl).Where(l => l.EndsWith('}')).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
            : [];

    public static IReadOnlyList<string> Ids(string jsonl) => Read(jsonl).Select(l => l["trial_id"]!.GetValue<string>()).ToList();

    /// <summary>Each trial's line without its timings and pack size (which differ from run to run), by trial id.</summary>
    public static IReadOnlyDictionary<string, string> NumbersById(string jsonl) =>
        Read(jsonl).ToDictionary(l => l["trial_id"]!.GetValue<string>(), l =>
        {
            // Timings and the size of the pack a trial trained in differ between runs; its numbers do not.
            var copy = l.DeepClone().AsObject();
            copy.Remove("timings");
            copy["run"]?.AsObject().Remove("pack_size");
            return copy.ToJsonString();
        });

    /// <summary>By default twelve quick trials (well under a second each at 20 epochs), so a sweep is short but a kill
    /// can land mid-sweep; more epochs make a kill land mid-trial, more seeds a longer sweep.</summary>
    public static string WriteSpec(string folder, string name, int epochs = 20, string depths = "[1, 2, 3]",
        string actNoise = "[0.5, 1.0]", string trainSize = "600", int seeds = 2, string cmi = "", string? modes = null)
    {
        string path = Path.Combine(folder, $"{name}.yaml");
        File.WriteAllText(path, $"""
            name: {name}
            dataset:
              classes: 3
              dimension: 10
              test_size: 500
            training:
              optimizer: sgld
              epochs: {epochs}
              batch_size: 32
              clip: 5
            information:
              eval_points: 64
              noise_paths: 2
            {cmi}grid:
              depth: {depths}
              width: 8
              act_noise: {actNoise}
              sgld_noise: 0.001
              train_size: {trainSize}{(modes is null ? "" : $"\n  mode: {modes}")}
            seeds: {seeds}
            """);
        return path;
    }
}
