using System.Text;
using System.Text.Json;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Results;

/// <summary>Reads trials.jsonl, keeping every good line and reporting (not throwing on) torn or malformed ones.</summary>
internal static class TrialsJsonl
{
    /// <summary>Parses every line of <paramref name="path"/>. A last line without its '\n' that does not parse is
    /// reported as torn (a crash mid-write); any other unparseable line is reported as malformed.</summary>
    public static TrialsJsonlContents Read(string path)
    {
        byte[] bytes;
        // FileShare.ReadWrite: the writer may hold the file open for appending.
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var memory = new MemoryStream())
        {
            stream.CopyTo(memory);
            bytes = memory.ToArray();
        }
        return Parse(bytes);
    }

    /// <summary>Same as <see cref="Read"/>, over bytes already in memory.</summary>
    public static TrialsJsonlContents Parse(ReadOnlySpan<byte> bytes)
    {
        var results = new List<TrialResult>();
        var problems = new List<JsonlLineProblem>();
        var lineNumber = 0;
        while (!bytes.IsEmpty)
        {
            lineNumber++;
            var end = bytes.IndexOf((byte)'\n');
            var terminated = end >= 0;
            var line = terminated ? bytes[..end] : bytes;
            bytes = terminated ? bytes[(end + 1)..] : [];

            var text = Encoding.UTF8.GetString(line).Trim();
            if (text.Length == 0) continue;
            try
            {
                results.Add(TrialJson.Deserialize<TrialResult>(text));
            }
            catch (JsonException e)
            {
                var kind = terminated ? JsonlProblemKind.Malformed : JsonlProblemKind.TornLastLine;
                problems.Add(new JsonlLineProblem(lineNumber, kind, e.Message, Preview(text)));
            }
        }
        return new TrialsJsonlContents(results, problems);
    }

    /// <summary>The trial id of every line, in order, after checking only that each line is whole JSON (not what it
    /// holds): a fraction of <see cref="Parse"/>'s cost. Null when a line is torn, is not JSON or has no trial_id.</summary>
    public static IReadOnlyList<TrialId>? ScanIds(ReadOnlySpan<byte> bytes)
    {
        var ids = new List<TrialId>();
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOf((byte)'\n');
            if (end < 0) return null;
            var line = bytes[..end].Trim(" \t\r"u8);
            bytes = bytes[(end + 1)..];
            if (line.IsEmpty) continue;
            if (IdOf(line) is not { } id) return null;
            ids.Add(id);
        }
        return ids;
    }

    private static TrialId? IdOf(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        string? id = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("trial_id"u8))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return reader.BytesConsumed == line.Length && id is not null ? new TrialId(id) : null;
    }

    private static string Preview(string text) => text.Length <= 80 ? text : text[..80] + "...";
}

/// <summary>The trials read from a trials.jsonl file and the lines that could not be read.</summary>
internal sealed record TrialsJsonlContents(IReadOnlyList<TrialResult> Results, IReadOnlyList<JsonlLineProblem> Problems);

/// <summary>One line of trials.jsonl that did not parse: its 1-based number, why, and its first characters.</summary>
internal sealed record JsonlLineProblem(int LineNumber, JsonlProblemKind Kind, string Reason, string Preview);

/// <summary>Why a trials.jsonl line was skipped.</summary>
internal enum JsonlProblemKind
{
    /// <summary>The last line has no '\n' and does not parse: a write cut short.</summary>
    TornLastLine,
    /// <summary>A complete line that does not parse as a trial result.</summary>
    Malformed,
}
