using Platform.Contracts.Assets;
using Platform.Messaging.Inbox;

namespace Platform.Ticketing.Consumers;

/// <summary>
/// Keeps ticketing's summary of the assets tickets name (<see cref="Domain.KnownAsset"/>), from the assets service's
/// events. The four event types arrive on four queues in any order and may race on the same tag, so each is one
/// upsert that only moves a field group (lifecycle status; holder) forward in time: applying events in any order,
/// or one of them twice, leaves the same row.
/// </summary>
public abstract class AssetConsumer<TMessage>(TicketingDbContext db) : IdempotentConsumer<TMessage, TicketingDbContext>(db)
    where TMessage : class
{
    protected abstract AssetFact Read(TMessage message);

    protected override Task HandleAsync(TMessage message, CancellationToken ct)
    {
        var fact = Read(message);
        // A tag longer than a ticket may name can never be shown on a ticket: nothing to keep (and no poison message).
        if (fact.Tag.Trim().Length is 0 or > 50) return Task.CompletedTask;
        return ApplyAsync(Db, fact, ct);
    }

    private static Task<int> ApplyAsync(TicketingDbContext db, AssetFact f, CancellationToken ct) => db.Database.ExecuteSqlInterpolatedAsync($"""
        INSERT INTO known_assets (tag, asset_id, kind, model, status, status_at, assigned_to, project_key, holder_at, updated_at)
        VALUES ({f.Tag.Trim().ToUpperInvariant()}, {f.AssetId}, {Text.Clip(f.Kind, 50)}, {Text.Clip(f.Model, 200)}, {Text.Clip(f.Status, 30)}, {f.StatusAt},
                {Text.Clip(f.AssignedTo, 200)}, {Text.Clip(f.ProjectKey, 50)}, {f.HolderAt}, {f.At})
        ON CONFLICT (tag) DO UPDATE SET
            kind = COALESCE(EXCLUDED.kind, known_assets.kind),
            model = COALESCE(EXCLUDED.model, known_assets.model),
            status = CASE WHEN EXCLUDED.status_at >= known_assets.status_at OR known_assets.status_at IS NULL
                          THEN COALESCE(EXCLUDED.status, known_assets.status) ELSE known_assets.status END,
            status_at = GREATEST(EXCLUDED.status_at, known_assets.status_at),
            assigned_to = CASE WHEN EXCLUDED.holder_at >= known_assets.holder_at OR (known_assets.holder_at IS NULL AND EXCLUDED.holder_at IS NOT NULL)
                               THEN EXCLUDED.assigned_to ELSE known_assets.assigned_to END,
            project_key = CASE WHEN EXCLUDED.holder_at >= known_assets.holder_at OR (known_assets.holder_at IS NULL AND EXCLUDED.holder_at IS NOT NULL)
                               THEN EXCLUDED.project_key ELSE known_assets.project_key END,
            holder_at = GREATEST(EXCLUDED.holder_at, known_assets.holder_at),
            updated_at = GREATEST(EXCLUDED.updated_at, known_assets.updated_at)
        """, ct);
}

/// <summary>What one asset event says: a lifecycle status as of <see cref="StatusAt"/>, a holder as of <see cref="HolderAt"/>.</summary>
public sealed record AssetFact(
    Guid AssetId, string Tag, DateTimeOffset At,
    string? Kind = null, string? Model = null,
    string? Status = null, DateTimeOffset? StatusAt = null,
    string? AssignedTo = null, string? ProjectKey = null, DateTimeOffset? HolderAt = null);

public sealed class AssetRegisteredConsumer(TicketingDbContext db) : AssetConsumer<AssetRegistered>(db)
{
    protected override AssetFact Read(AssetRegistered m) =>
        new(m.AssetId, m.AssetTag, m.OccurredAt, m.Kind, m.Model, m.Status, m.OccurredAt);
}

public sealed class AssetStatusChangedConsumer(TicketingDbContext db) : AssetConsumer<AssetStatusChanged>(db)
{
    protected override AssetFact Read(AssetStatusChanged m) => new(m.AssetId, m.AssetTag, m.OccurredAt, Status: m.To, StatusAt: m.OccurredAt);
}

public sealed class AssetAssignedConsumer(TicketingDbContext db) : AssetConsumer<AssetAssigned>(db)
{
    protected override AssetFact Read(AssetAssigned m) =>
        new(m.AssetId, m.AssetTag, m.OccurredAt, AssignedTo: m.UserId, ProjectKey: m.ProjectKey, HolderAt: m.OccurredAt);
}

public sealed class AssetReturnedConsumer(TicketingDbContext db) : AssetConsumer<AssetReturned>(db)
{
    protected override AssetFact Read(AssetReturned m) => new(m.AssetId, m.AssetTag, m.OccurredAt, HolderAt: m.OccurredAt);
}
