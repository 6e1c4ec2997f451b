using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Messaging.Outbox;

namespace Platform.Assets;

/// <summary>
/// An aggregate of this service numbered from its own sequence (shown as its key: AST-00031, LIC-4, KIT-7, PRQ-2),
/// with a Guid id assigned in code, its creation and last change, and the row version that makes a concurrent
/// change fail instead of overwriting (assets, licences, kitting and procurement requests).
/// </summary>
public abstract class NumberedAggregate : AggregateRoot
{
    public Guid Id { get; protected init; }
    public long Number { get; protected init; }
    public DateTimeOffset CreatedAt { get; protected init; }
    public DateTimeOffset UpdatedAt { get; protected set; }
    public uint Version { get; private set; }
}

internal static class NumberedAggregateMapping
{
    /// <summary>The table, the assigned key, the unique number and the row version of a numbered aggregate.</summary>
    public static EntityTypeBuilder<T> IsNumberedAggregate<T>(this EntityTypeBuilder<T> b, string table)
        where T : NumberedAggregate
    {
        b.HasAssignedKey(table, x => x.Id);
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.Version).IsRowVersion();
        return b;
    }
}
