using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SweepCluster.Core.Grid;

/// <summary>Derives a trial's stable id: SHA-256 of its canonical configuration (keys sorted, numbers in
/// shortest round-trip form), so the same configuration has the same id in any process, on any machine,
/// whatever the key order of the YAML it came from.</summary>
public static class TrialIdentity
{
    public static TrialId Of(TrialConfig config) => OfCanonical(Canonical(config));

    /// <summary>The ids of <paramref name="config"/> under any seed, from one canonical text: the text of each seed is
    /// that text with the seed's digits in place (keys are sorted, so the seed does not move), which spares the
    /// serialize-parse-sort of <see cref="Of"/> per trial. Same ids as <see cref="Of"/>.</summary>
    public static Func<int, TrialId> PerSeed(TrialConfig config)
    {
        const int Placeholder = -1_234_567_891;
        string canonical = Canonical(config with { Seed = Placeholder });
        string token = $"\"seed\":{Placeholder.ToString(CultureInfo.InvariantCulture)}";
        int at = canonical.IndexOf(token, StringComparison.Ordinal);
        if (at < 0 || canonical.IndexOf(token, at + 1, StringComparison.Ordinal) >= 0)
            return seed => Of(config with { Seed = seed });
        string head = canonical[..(at + token.Length - Placeholder.ToString(CultureInfo.InvariantCulture).Length)];
        string tail = canonical[(at + token.Length)..];
        return seed => OfCanonical(head + seed.ToString(CultureInfo.InvariantCulture) + tail);
    }

    private static TrialId OfCanonical(string canonical)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return new TrialId("t-" + Convert.ToHexStringLower(hash)[..16]);
    }

    /// <summary>The canonical JSON text of a configuration: the hash input.</summary>
    public static string Canonical(TrialConfig config) =>
        Sorted(JsonNode.Parse(TrialJson.Serialize(config)))?.ToJsonString(TrialJson.Options) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
