using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.ServiceDefaults;

namespace Platform.Data;

/// <summary>
/// Records every insert, update and delete of a service's own rows in audit_entries, in the same SaveChanges:
/// who did it comes from the caller's token (sub), never from a request body.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData);
        return ValueTask.FromResult(result);
    }

    /// <summary>Values as the APIs show them (camelCase, enums by name).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> NotAudited = new();

    private void Record(DbContextEventData save)
    {
        if (save.Context is not { } context) return;
        var actor = Actor.Of(http.HttpContext);
        var now = clock.GetUtcNow();
        var entries = SaveScan.Entries(save)
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is not AuditEntry
                && !NotAudited.GetOrAdd(e.Entity.GetType(), t => t.IsDefined(typeof(NotAuditedAttribute), inherit: false)))
            .ToList();
        foreach (var entry in entries)
        {
            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            context.Set<AuditEntry>().Add(new AuditEntry
            {
                Entity = entry.Metadata.GetTableName() ?? entry.Metadata.ClrType.Name,
                EntityId = string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)),
                Action = entry.State.ToString(),
                Actor = actor,
                At = now,
                Changes = JsonSerializer.Serialize(changes, Json),
            });
        }
    }

    private static Dictionary<string, object?[]> Changes(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if (property.Metadata.IsConcurrencyToken || property.Metadata.IsShadowProperty()) continue;
            switch (entry.State)
            {
                case EntityState.Added when property.CurrentValue is not null:
                    changes[property.Metadata.Name] = [null, Shown(property.CurrentValue)];
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[property.Metadata.Name] = [Shown(property.OriginalValue), Shown(property.CurrentValue)];
                    break;
            }
        }

        return changes;
    }

    /// <summary>File contents and other blobs are recorded by size, not copied into the trail.</summary>
    private static object? Shown(object? value) => value is byte[] bytes ? $"{bytes.Length} bytes" : value;
}
