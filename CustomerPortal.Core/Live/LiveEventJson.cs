using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CustomerPortal.Core.Live;

/// <summary>
/// Live events as JSON between app instances: System.Text.Json polymorphism with the record's name as the "$type"
/// discriminator. Every non-abstract <see cref="LiveEvent"/> of Core is known without a list to keep up to date.
/// </summary>
public static class LiveEventJson
{
    public static IReadOnlyList<Type> EventTypes { get; } = typeof(LiveEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(LiveEvent)) && !t.IsAbstract).OrderBy(t => t.Name).ToList();

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AddEventTypes } },
    };

    public static string Serialize(RelayedLiveEvent relayed) => JsonSerializer.Serialize(relayed, Options);

    /// <summary>The relayed event, or null when the text is not one (e.g. an event type this version does not know).</summary>
    public static RelayedLiveEvent? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RelayedLiveEvent>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void AddEventTypes(JsonTypeInfo info)
    {
        if (info.Type != typeof(LiveEvent)) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "$type",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var type in EventTypes) info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
    }
}

/// <summary>
/// An event on its way between instances, with the instance that published it and an id that instance waits for: its
/// own events reach its screens when they come back from Redis, in the order Redis gives every instance.
/// </summary>
public sealed record RelayedLiveEvent(string Source, LiveEvent Event, Guid Id = default);
