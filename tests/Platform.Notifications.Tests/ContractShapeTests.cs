using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Platform.Messaging;

namespace Platform.Notifications.Tests;

/// <summary>
/// The wire shape of every integration event (JSON property names and types, as the services serialise them) is
/// committed in shared/Platform.Contracts/contract-shapes.txt. Renaming, retyping or removing a field fails here;
/// adding one does too, so that the change is seen and the file updated in the same commit
/// (PLATFORM_UPDATE_CONTRACT_SHAPES=1 rewrites it).
/// </summary>
public sealed class ContractShapeTests
{
    private static readonly string File = Path.Combine(Repository.Root, "shared", "Platform.Contracts", "contract-shapes.txt");

    /// <summary>The services' JSON settings, with the reflection metadata they fall back to once in use.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(EventTypes.Json) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    [Fact]
    public void Every_event_contract_keeps_its_committed_wire_shape()
    {
        var actual = Shapes();
        if (Environment.GetEnvironmentVariable("PLATFORM_UPDATE_CONTRACT_SHAPES") == "1") System.IO.File.WriteAllText(File, actual);
        var expected = System.IO.File.ReadAllText(File).ReplaceLineEndings("\n");
        actual.ShouldBe(expected, "An event contract changed its wire shape: a breaking change is a new type (…V2); an additive one updates contract-shapes.txt.");
    }

    [Fact]
    public void The_shape_names_every_serialised_property()
    {
        var shape = Describe(typeof(Platform.Contracts.Ticketing.TicketCreated));
        shape.ShouldBe("ticketId: Guid, ticketKey: String, title: String, requester: String, category: String, priority: String, "
            + "occurredAt: DateTimeOffset, assetTag: String?, majorIncident: Boolean");
    }

    private static string Shapes()
    {
        var text = new StringBuilder();
        var types = new SortedDictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in EventTypes.All) Collect(type, types);
        foreach (var (name, type) in types) text.Append(name).Append(" { ").Append(Describe(type)).Append(" }\n");
        return text.ToString();
    }

    /// <summary>The event and the contract records it carries (e.g. the weeks of ResourceOverAllocated).</summary>
    private static void Collect(Type type, SortedDictionary<string, Type> types)
    {
        if (!types.TryAdd(type.FullName!, type)) return;
        foreach (var property in Json.GetTypeInfo(type).Properties)
            foreach (var t in (Type[])[property.PropertyType, .. property.PropertyType.GetGenericArguments()])
                if (t.Assembly == type.Assembly && t is { IsClass: true }) Collect(t, types);
    }

    private static string Describe(Type type)
    {
        var nullability = new NullabilityInfoContext();
        return string.Join(", ", Json.GetTypeInfo(type).Properties.Select(p => $"{p.Name}: {TypeName(p, nullability)}"));
    }

    private static string TypeName(JsonPropertyInfo property, NullabilityInfoContext nullability)
    {
        var nullable = property.AttributeProvider is PropertyInfo info && nullability.Create(info).ReadState == NullabilityState.Nullable;
        return Name(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) + (nullable ? "?" : "");

        static string Name(Type t) => t.IsGenericType
            ? $"{t.Name[..t.Name.IndexOf('`')]}<{string.Join(", ", t.GetGenericArguments().Select(Name))}>"
            : t.Name;
    }
}

/// <summary>Notifications' wording reads event fields by name: each name must be a field of that event's contract.</summary>
public sealed class TemplateFieldTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Json =
        new(Platform.Messaging.EventTypes.Json) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    [Fact]
    public void Every_field_a_template_reads_is_a_field_of_its_event()
    {
        var read = Platform.Notifications.Features.Email.Templates.FieldsRead().ToList();
        read.Count.ShouldBeGreaterThan(20, "every event type with its own wording is checked");

        var missing = new List<string>();
        foreach (var (type, fields) in read)
        {
            EventCatalog.ByName.TryGetValue(type, out var contract).ShouldBeTrue($"the template '{type}' names an event of the catalogue");
            var names = Json.GetTypeInfo(contract!).Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            missing.AddRange(fields.Where(f => !names.Contains(f)).Select(f => $"{type}.{f}"));
        }

        missing.ShouldBeEmpty("a template reads a field its event does not have (renamed or removed?)");
    }
}
