using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Platform.Notifications.Data.Configurations;

/// <summary>The filters of a rule or a webhook subscription, stored as one jsonb column.</summary>
internal static class FiltersColumn
{
    // Public, not private: the compiled model (Data/CompiledModel) names it in the converter it generates.
    public static readonly JsonSerializerOptions FilterJson = new(JsonSerializerDefaults.Web);

    private static readonly ValueConverter<Filters, string> Converter = new(
        f => JsonSerializer.Serialize(f, FilterJson),
        s => JsonSerializer.Deserialize<Filters>(s, FilterJson) ?? Filters.None);

    private static readonly ValueComparer<Filters> Comparer = new(
        (a, b) => JsonSerializer.Serialize(a, FilterJson) == JsonSerializer.Serialize(b, FilterJson),
        f => JsonSerializer.Serialize(f, FilterJson).GetHashCode(StringComparison.Ordinal),
        f => JsonSerializer.Deserialize<Filters>(JsonSerializer.Serialize(f, FilterJson), FilterJson)!);

    public static PropertyBuilder<Filters> HasFiltersColumn(this PropertyBuilder<Filters> property) =>
        property.HasColumnType("jsonb").HasConversion(Converter, Comparer);
}
