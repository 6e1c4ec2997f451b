using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.ServiceDefaults;

/// <summary>
/// Short forms for what entity mappings (IEntityTypeConfiguration) say again and again: columns of one size, enums
/// stored by name, a key the application assigns or the database numbers, the row version, the rows an aggregate owns.
/// </summary>
public static class EntityMapping
{
    /// <summary>The longest name of an enum stored as text.</summary>
    public const int EnumNameLength = 20;

    /// <summary>Text columns of at most <paramref name="length"/> characters.</summary>
    public static EntityTypeBuilder<T> HasMaxLength<T>(this EntityTypeBuilder<T> b, int length, params Expression<Func<T, string?>>[] columns)
        where T : class
    {
        foreach (var column in columns) b.Property(column).HasMaxLength(length);
        return b;
    }

    /// <summary>Enum columns stored by name (at most <see cref="EnumNameLength"/> characters), not by number.</summary>
    public static EntityTypeBuilder<T> StoresEnumNames<T>(this EntityTypeBuilder<T> b, params Expression<Func<T, object?>>[] columns)
        where T : class
    {
        foreach (var column in columns)
            b.Property(MemberName(column)).HasConversion<string>().HasMaxLength(EnumNameLength);
        return b;
    }

    /// <summary>One enum property stored by its name, as text of at most <paramref name="maxLength"/> characters.</summary>
    public static PropertyBuilder<TEnum> StoredAsName<TEnum>(this PropertyBuilder<TEnum> property, int maxLength = EnumNameLength) =>
        property.HasConversion<string>().HasMaxLength(maxLength);

    /// <summary>The table and its key, which the application assigns (a Guid made in code, not by the database).</summary>
    public static EntityTypeBuilder<T> HasAssignedKey<T, TKey>(this EntityTypeBuilder<T> b, string table, Expression<Func<T, TKey>> key)
        where T : class =>
        b.HasAssignedKey(table, MemberName(key));

    /// <summary>The table and its key by property name (<c>Id</c> unless said), which the application assigns.</summary>
    public static EntityTypeBuilder<T> HasAssignedKey<T>(this EntityTypeBuilder<T> b, string table, string key = "Id") where T : class
    {
        TableKeyedBy(b, table, key).ValueGeneratedNever();
        return b;
    }

    /// <summary>A table of rows keyed by a database identity (history entries, logs): PostgreSQL numbers <c>Id</c>, always.</summary>
    public static EntityTypeBuilder<T> IsIdentityKeyed<T>(this EntityTypeBuilder<T> b, string table) where T : class
    {
        TableKeyedBy(b, table, "Id").UseIdentityAlwaysColumn();
        return b;
    }

    /// <summary><c>Version</c> (PostgreSQL's xmin) is the optimistic-concurrency token: a stale write answers 409.</summary>
    public static EntityTypeBuilder<T> HasRowVersion<T>(this EntityTypeBuilder<T> b) where T : class
    {
        b.Property<uint>("Version").IsRowVersion();
        return b;
    }

    /// <summary>
    /// The rows an aggregate owns (an asset's history, a request's items): deleted with it, and read into and
    /// written from its private list <paramref name="field"/>, so that only the aggregate's methods change them.
    /// </summary>
    public static EntityTypeBuilder<TParent> HasRows<TParent, TChild>(this EntityTypeBuilder<TParent> b,
        Expression<Func<TParent, IEnumerable<TChild>?>> rows, string field, Expression<Func<TChild, object?>> foreignKey)
        where TParent : class
        where TChild : class
    {
        b.HasMany(rows).WithOne().HasForeignKey(foreignKey).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(rows).HasField(field).UsePropertyAccessMode(PropertyAccessMode.Field);
        return b;
    }

    /// <summary>Maps the entity to <paramref name="table"/> keyed by one property; returns that property, to say who makes its values.</summary>
    private static PropertyBuilder TableKeyedBy<T>(EntityTypeBuilder<T> b, string table, string key) where T : class
    {
        b.ToTable(table);
        b.HasKey(key);
        return b.Property(key);
    }

    private static string MemberName(LambdaExpression e) =>
        ((MemberExpression)(e.Body is UnaryExpression { NodeType: ExpressionType.Convert } u ? u.Operand : e.Body)).Member.Name;
}
