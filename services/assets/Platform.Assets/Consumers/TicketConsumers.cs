using Platform.Contracts.Ticketing;
using Platform.Messaging.Inbox;

namespace Platform.Assets.Consumers;

/// <summary>
/// Three consumers (created, status changed, asset linked) may each be the first to learn of one ticket, at the same
/// time: each takes a transaction-scoped lock on the ticket before it reads the incident, so the later one finds the
/// earlier one's row instead of inserting a second and failing on the key (a retry as the normal path).
/// </summary>
internal static class IncidentLock
{
    public static Task TakeAsync(AssetsDbContext db, Guid ticketId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({ticketId.ToString()}, 4207))", ct);
}

/// <summary>A ticket opened about an asset (it names the asset's tag) enters that asset's incident history.</summary>
public sealed class TicketCreatedConsumer(AssetsDbContext db) : IdempotentConsumer<TicketCreated, AssetsDbContext>(db)
{
    /// <summary>Most tickets name no asset: those are acknowledged without a transaction.</summary>
    protected override bool Concerns(TicketCreated message) => !string.IsNullOrWhiteSpace(message.AssetTag);

    protected override async Task HandleAsync(TicketCreated message, CancellationToken ct)
    {
        var tag = message.AssetTag!.Trim().ToUpperInvariant(); // Concerns: named
        await IncidentLock.TakeAsync(Db, message.TicketId, ct);
        var incident = await Db.Incidents.FirstOrDefaultAsync(i => i.TicketId == message.TicketId, ct);
        if (incident is null)
        {
            Db.Incidents.Add(new AssetIncident
            {
                TicketId = message.TicketId, TicketKey = message.TicketKey, AssetTag = tag,
                Title = message.Title, Priority = message.Priority, Status = "New", OpenedAt = message.OccurredAt, UpdatedAt = message.OccurredAt,
            });
            return;
        }

        // A status change overtook the creation: fill in what only the creation tells.
        incident.Title = message.Title;
        incident.Priority = message.Priority;
        incident.OpenedAt = message.OccurredAt;
    }
}

/// <summary>Keeps the incident's status current; a ticket linked to an asset after it was opened joins here.</summary>
public sealed class TicketStatusChangedConsumer(AssetsDbContext db) : IdempotentConsumer<TicketStatusChanged, AssetsDbContext>(db)
{
    protected override async Task HandleAsync(TicketStatusChanged message, CancellationToken ct)
    {
        await IncidentLock.TakeAsync(Db, message.TicketId, ct);
        var incident = await Db.Incidents.FirstOrDefaultAsync(i => i.TicketId == message.TicketId, ct);
        if (incident is null)
        {
            if (string.IsNullOrWhiteSpace(message.AssetTag)) return;
            Db.Incidents.Add(new AssetIncident
            {
                TicketId = message.TicketId, TicketKey = message.TicketKey, AssetTag = message.AssetTag.Trim().ToUpperInvariant(),
                Status = message.To, OpenedAt = message.OccurredAt, UpdatedAt = message.OccurredAt,
            });
            return;
        }

        // Events may arrive out of order: an older status never overwrites a newer one.
        if (message.OccurredAt < incident.UpdatedAt) return;
        incident.Status = message.To;
        incident.UpdatedAt = message.OccurredAt;
        if (!string.IsNullOrWhiteSpace(message.AssetTag)) incident.AssetTag = message.AssetTag.Trim().ToUpperInvariant();
    }
}

/// <summary>A ticket named (or stopped naming) an asset after it was opened: the incident moves with the tag.</summary>
public sealed class TicketAssetLinkedConsumer(AssetsDbContext db) : IdempotentConsumer<TicketAssetLinked, AssetsDbContext>(db)
{
    protected override async Task HandleAsync(TicketAssetLinked message, CancellationToken ct)
    {
        await IncidentLock.TakeAsync(Db, message.TicketId, ct);
        var incident = await Db.Incidents.FirstOrDefaultAsync(i => i.TicketId == message.TicketId, ct);
        if (string.IsNullOrWhiteSpace(message.AssetTag))
        {
            // Unlinked: the ticket was not about that asset after all.
            if (incident is not null && message.OccurredAt >= incident.UpdatedAt) Db.Incidents.Remove(incident);
            return;
        }

        var tag = message.AssetTag.Trim().ToUpperInvariant();
        if (incident is null)
        {
            Db.Incidents.Add(new AssetIncident
            {
                TicketId = message.TicketId, TicketKey = message.TicketKey, AssetTag = tag, Title = message.Title,
                Priority = message.Priority, Status = message.Status, OpenedAt = message.OccurredAt, UpdatedAt = message.OccurredAt,
            });
            return;
        }

        incident.AssetTag = tag;
        incident.Title = message.Title;
        incident.Priority = message.Priority;
        if (message.OccurredAt >= incident.UpdatedAt)
        {
            incident.Status = message.Status;
            incident.UpdatedAt = message.OccurredAt;
        }
    }
}
