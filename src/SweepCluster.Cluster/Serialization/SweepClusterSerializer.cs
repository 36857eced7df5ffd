using System.Collections.Frozen;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core;
using SweepCluster.Core.Sweep;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Serialization;

/// <summary>System.Text.Json serializer for every <see cref="ISweepClusterMessage"/> on the wire and every journal event
/// and snapshot on disk, with the snake_case shape of <see cref="TrialJson.Options"/> for configs and results and a
/// fixed manifest per type.</summary>
internal sealed class SweepClusterSerializer : SerializerWithStringManifest
{
    /// <summary>Unique among the serializers of an actor system; Akka.NET keeps 0-100 for its own.</summary>
    public const int SerializerId = 7411;
    /// <summary>The name the serializer is registered under in the actor system's configuration.</summary>
    public const string SerializerName = "sweepcluster-json";

    /// <summary>The types this serializer is bound to in the actor system's configuration.</summary>
    public static readonly Type[] BoundTypes = [typeof(ISweepClusterMessage), typeof(ISweepEvent), typeof(SweepSnapshot), typeof(LegacySweepSnapshot)];

    private static readonly FrozenDictionary<Type, string> _manifests =
        MessageManifests.ByType.Concat(JournalManifests.ByType).ToFrozenDictionary();
    private static readonly FrozenDictionary<string, Type> _types = _manifests.ToFrozenDictionary(kv => kv.Value, kv => kv.Key);

    private readonly JsonSerializerOptions _options;
    private readonly JsonWriterOptions _writerOptions;

    public SweepClusterSerializer(ExtendedActorSystem system) : base(system)
    {
        // A copy of the shared trial options plus the two types only messages carry.
        _options = new JsonSerializerOptions(TrialJson.Options)
        {
            Converters = { new ActorRefJsonConverter(system) },
        };
        // What SerializeToUtf8Bytes derives from the serializer options, so the bytes stay the same.
        _writerOptions = new JsonWriterOptions
        {
            Encoder = _options.Encoder, Indented = _options.WriteIndented,
            MaxDepth = _options.MaxDepth == 0 ? 64 : _options.MaxDepth, SkipValidation = true,
        };
    }

    /// <summary>The options every payload is written with (tests compare against JsonSerializer's own output).</summary>
    internal JsonSerializerOptions Options => _options;

    public override int Identifier => SerializerId;

    public override string Manifest(object o) =>
        _manifests.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType().FullName} has no manifest in {nameof(SweepClusterSerializer)}.", nameof(o));

    public override byte[] ToBinary(object obj)
    {
        _ = Manifest(obj); // refuse a type without a manifest here, not on the receiving node
        // Pooled chunks rather than one doubling buffer: a snapshot then allocates its final array and nothing large.
        using var buffer = new ChunkedBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, _writerOptions))
            JsonSerializer.Serialize(writer, obj, obj.GetType(), _options);
        return buffer.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest) =>
        _types.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, _options) ?? throw new JsonException($"Empty '{manifest}' message.")
            : throw new System.Runtime.Serialization.SerializationException(
                $"Unknown manifest '{manifest}': written by another version of SweepCluster.");
}
