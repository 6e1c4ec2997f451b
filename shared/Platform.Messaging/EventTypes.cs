using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Contracts;

namespace Platform.Messaging;

/// <summary>The event catalogue: contract name ↔ CLR type, and the JSON shape stored in the outbox.</summary>
public static class EventTypes
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly FrozenDictionary<string, Type> ByName = typeof(IIntegrationEvent).Assembly
        .GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToFrozenDictionary(t => NameOf(t), t => t);

    public static string NameOf(Type type) => type.FullName ?? type.Name;

    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type)
            ? type
            : throw new InvalidOperationException($"Unknown integration event type '{name}'.");

    public static IReadOnlyCollection<Type> All => ByName.Values;
}
