using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Serialization;

/// <summary>System.Text.Json serializer for every <see cref="ISweepClusterMessage"/>, with the snake_case shape of
/// <see cref="TrialJson.Options"/> for configs and results and a short fixed manifest per message type.</summary>
public sealed class SweepClusterSerializer : SerializerWithStringManifest
{
    /// <summary>Unique among the serializers of an actor system; Akka.NET keeps 0-100 for its own.</summary>
    public const int SerializerId = 7411;
    /// <summary>The name the serializer is registered under in the actor system's configuration.</summary>
    public const string SerializerName = "sweepcluster-json";

    private readonly JsonSerializerOptions _options;

    public SweepClusterSerializer(ExtendedActorSystem system) : base(system)
    {
        // A copy of the shared trial options plus the two types only messages carry.
        _options = new JsonSerializerOptions(TrialJson.Options)
        {
            Converters = { new ActorRefJsonConverter(system), new TrialIdJsonConverter() },
        };
    }

    public override int Identifier => SerializerId;

    public override string Manifest(object o) =>
        MessageManifests.ByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType().FullName} has no manifest in {nameof(SweepClusterSerializer)}.", nameof(o));

    public override byte[] ToBinary(object obj)
    {
        _ = Manifest(obj); // refuse a type without a manifest here, not on the receiving node
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _options);
    }

    public override object FromBinary(byte[] bytes, string manifest) =>
        MessageManifests.ByName.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, _options) ?? throw new JsonException($"Empty '{manifest}' message.")
            : throw new System.Runtime.Serialization.SerializationException($"Unknown sweep message manifest '{manifest}'.");
}
