using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Assets.Data;

internal static class MappingExtensions
{
    /// <summary>
    /// The rows an aggregate owns (an asset's history, a request's items): deleted with it, and read into and
    /// written from its private list <paramref name="field"/>, so that only the aggregate's methods change them.
    /// </summary>
    public static void HasRows<TParent, TChild>(this EntityTypeBuilder<TParent> b, Expression<Func<TParent, IEnumerable<TChild>?>> rows,
        string field, Expression<Func<TChild, object?>> foreignKey)
        where TParent : class
        where TChild : class
    {
        b.HasMany(rows).WithOne().HasForeignKey(foreignKey).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(rows).HasField(field).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
