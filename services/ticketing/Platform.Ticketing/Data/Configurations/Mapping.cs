using System.Linq.Expressions;

namespace Platform.Ticketing.Data.Configurations;

/// <summary>The mapping's recurring steps, said once.</summary>
internal static class Mapping
{
    /// <summary>The entity's table, keyed by a GUID the application makes (Guid.CreateVersion7), never the database.</summary>
    public static EntityTypeBuilder<T> ToTableKeyedBy<T>(this EntityTypeBuilder<T> builder, string table, Expression<Func<T, Guid>> id)
        where T : class
    {
        builder.ToTable(table);
        builder.HasKey(((MemberExpression)id.Body).Member.Name);
        builder.Property(id).ValueGeneratedNever();
        return builder;
    }

    /// <summary>An enum stored by its name, as text.</summary>
    public static PropertyBuilder<TEnum> StoredByName<TEnum>(this PropertyBuilder<TEnum> p, int maxLength = Lengths.EnumName) =>
        p.HasConversion<string>().HasMaxLength(maxLength);
}
