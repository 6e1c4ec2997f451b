namespace Platform.Assets.Data.Configurations;

internal static class NumberedAggregateMapping
{
    /// <summary>The table, the assigned key, the unique number and the row version of a numbered aggregate.</summary>
    public static EntityTypeBuilder<T> IsNumberedAggregate<T>(this EntityTypeBuilder<T> b, string table)
        where T : NumberedAggregate
    {
        b.HasAssignedKey(table, x => x.Id);
        b.HasIndex(x => x.Number).IsUnique();
        return b.HasRowVersion();
    }
}
