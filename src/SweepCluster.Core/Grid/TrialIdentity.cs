using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SweepCluster.Core.Grid;

/// <summary>Derives a trial's stable id: SHA-256 of its canonical configuration (keys sorted, numbers in
/// shortest round-trip form), so the same configuration has the same id in any process, on any machine,
/// whatever the key order of the YAML it came from.</summary>
public static class TrialIdentity
{
    public static TrialId Of(TrialConfig config)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(config)));
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
