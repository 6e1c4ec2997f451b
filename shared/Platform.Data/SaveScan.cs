using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Data;

/// <summary>
/// The tracked entries as a save will write them, for the save interceptors, with one DetectChanges per save instead of
/// one per look: <see cref="ChangeTracker.Entries()"/> compares every tracked entity with its snapshot each time it is
/// called, and ticketing's interceptors called it seven or eight times per save (8.6 % of its CPU samples).
/// EF Core hands every interceptor of one SaveChanges the same event data, so the first interceptor to ask detects the
/// changes and marks that save; the others read the entries as they stand. An interceptor that changes an entity's
/// properties itself (not through the entry) calls <see cref="Changed"/>, so that those after it, and the audit trail,
/// see the change. A context whose application turned automatic detection off is left as EF Core would leave it.
/// </summary>
public static class SaveScan
{
    private static readonly object Marker = new();
    private static readonly ConditionalWeakTable<DbContextEventData, object> Detected = new();

    /// <summary>Every tracked entry of the saving context.</summary>
    public static List<EntityEntry> Entries(DbContextEventData save) => Read(save, tracker => tracker.Entries().ToList());

    /// <summary>The tracked entries of <typeparamref name="T"/> (and its subtypes) of the saving context.</summary>
    public static List<EntityEntry<T>> Entries<T>(DbContextEventData save) where T : class =>
        Read(save, tracker => tracker.Entries<T>().ToList());

    /// <summary>An interceptor changed this entry's entity through its properties: its changes are detected now.</summary>
    public static void Changed(EntityEntry entry)
    {
        if (entry.Context.ChangeTracker.AutoDetectChangesEnabled) entry.DetectChanges();
    }

    private static List<TEntry> Read<TEntry>(DbContextEventData save, Func<ChangeTracker, List<TEntry>> entries)
    {
        var tracker = (save.Context ?? throw new InvalidOperationException("A save without its context.")).ChangeTracker;
        if (!tracker.AutoDetectChangesEnabled) return entries(tracker);
        if (Detected.TryAdd(save, Marker)) tracker.DetectChanges();
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return entries(tracker);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = true;
        }
    }
}
