using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;

namespace SweepCluster.Cluster.Serialization;

/// <summary>Writes an actor reference as its full path (with the sending node's address) and resolves it on the
/// receiving node, so replies and death watch reach the original actor.</summary>
internal sealed class ActorRefJsonConverter(ExtendedActorSystem system) : JsonConverter<IActorRef>
{
    public override bool HandleNull => true;

    public override IActorRef? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? path = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
        return string.IsNullOrEmpty(path) ? ActorRefs.Nobody : system.Provider.ResolveActorRef(path);
    }

    public override void Write(Utf8JsonWriter writer, IActorRef? value, JsonSerializerOptions options)
    {
        if (value is null || value.IsNobody()) writer.WriteNullValue();
        else writer.WriteStringValue(Akka.Serialization.Serialization.SerializedActorPath(value));
    }
}
