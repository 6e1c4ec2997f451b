namespace Platform.Assets.Domain;

public enum AssetKind { Laptop, Desktop, Phone, Tablet, Monitor, NetworkGear, Server, Peripheral, Other }

/// <summary>Where an asset is in its life: ordered → in stock → assigned → in repair → retired → disposed.</summary>
public enum AssetStatus { Ordered, InStock, Assigned, InRepair, Retired, Disposed }

/// <summary>The lifecycle moves that need no more than a note (assign and return carry a person; see <see cref="Asset"/>).</summary>
public enum AssetAction { Receive, SendToRepair, Repaired, Retire, Dispose }

public static class AssetLifecycle
{
    public static readonly Workflow<AssetStatus, AssetAction> Workflow = new("an asset", new Dictionary<(AssetStatus, AssetAction), AssetStatus>
    {
        [(AssetStatus.Ordered, AssetAction.Receive)] = AssetStatus.InStock,
        [(AssetStatus.InStock, AssetAction.SendToRepair)] = AssetStatus.InRepair,
        [(AssetStatus.Assigned, AssetAction.SendToRepair)] = AssetStatus.InRepair,
        [(AssetStatus.InRepair, AssetAction.Repaired)] = AssetStatus.InStock,
        [(AssetStatus.InStock, AssetAction.Retire)] = AssetStatus.Retired,
        [(AssetStatus.InRepair, AssetAction.Retire)] = AssetStatus.Retired,
        [(AssetStatus.Ordered, AssetAction.Retire)] = AssetStatus.Retired,
        [(AssetStatus.Retired, AssetAction.Dispose)] = AssetStatus.Disposed,
    });

    /// <summary>Statuses an asset may be registered or imported in (assigned needs a holder).</summary>
    public static bool CanStartIn(AssetStatus status) => status is AssetStatus.Ordered or AssetStatus.InStock or AssetStatus.Assigned or AssetStatus.InRepair or AssetStatus.Retired;

    public static bool IsActive(AssetStatus status) => status is not (AssetStatus.Retired or AssetStatus.Disposed);
}

/// <summary>A piece of hardware (AST-00031) with its lifecycle, holder and full history.</summary>
public sealed class Asset : NumberedAggregate
{
    public const string KeyPrefix = "AST-";

    private readonly List<AssetHistoryEntry> _history = [];

    private Asset() { }

    public string Tag => FormatTag(Number);
    public AssetKind Kind { get; private set; }
    public string Model { get; private set; } = "";
    public string? Serial { get; private set; }
    public string? Vendor { get; private set; }
    public DateOnly? PurchaseDate { get; private set; }
    public decimal? Cost { get; private set; }
    public DateOnly? WarrantyEnd { get; private set; }
    public string? Location { get; private set; }
    public AssetStatus Status { get; private set; }

    /// <summary>Who holds it (a user id) while Assigned, and only then; the history keeps who held it before.</summary>
    public string? AssignedTo { get; private set; }
    public Guid? ProjectId { get; private set; }
    public string? ProjectKey { get; private set; }
    public DateTimeOffset? AssignedAt { get; private set; }

    /// <summary>The warranty end date already announced as expiring (a new date re-arms the notice).</summary>
    public DateOnly? WarrantyNoticeFor { get; private set; }

    public IReadOnlyList<AssetHistoryEntry> History => _history;

    public static string FormatTag(long number) => KeyPrefix + number.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParseTag(string reference, out long number) => TryParseKey(reference, KeyPrefix, out number);

    public static Asset Register(long number, AssetDetails details, AssetStatus status, string? assignee, string by, string source, DateTimeOffset now)
    {
        if (!AssetLifecycle.CanStartIn(status))
            throw new DomainException("invalid-status", $"An asset cannot be registered as {status}.");
        if (status == AssetStatus.Assigned && string.IsNullOrWhiteSpace(assignee))
            throw new DomainException("assignee-required", "An asset registered as Assigned needs 'assignedTo'.");
        var asset = new Asset { Id = Guid.CreateVersion7(), Number = number, CreatedAt = now, Status = status };
        asset.Apply(details, now);
        if (status == AssetStatus.Assigned)
        {
            asset.AssignedTo = assignee;
            asset.AssignedAt = now;
        }

        asset.Record("registered", null, status, by, source, now);
        asset.Raise(new AssetRegistered(asset.Id, asset.Tag, asset.Kind.ToString(), asset.Model, asset.Serial, status.ToString(), now));
        if (status == AssetStatus.Assigned)
            asset.Raise(new AssetAssigned(asset.Id, asset.Tag, assignee!, null, null, by, now));
        return asset;
    }

    /// <summary>Sets the descriptive fields (not the lifecycle).</summary>
    public void Apply(AssetDetails d, DateTimeOffset now)
    {
        if (d.Cost is < 0) throw new DomainException("negative-cost", "A cost cannot be negative.");
        if (d.PurchaseDate is { } bought && d.WarrantyEnd is { } ends && ends < bought)
            throw new DomainException("warranty-before-purchase", "The warranty cannot end before the purchase date.");
        Kind = d.Kind;
        Model = d.Model;
        Serial = d.Serial;
        Vendor = d.Vendor;
        PurchaseDate = d.PurchaseDate;
        Cost = d.Cost;
        if (WarrantyEnd != d.WarrantyEnd) WarrantyNoticeFor = null;
        WarrantyEnd = d.WarrantyEnd;
        Location = d.Location;
        UpdatedAt = now;
    }

    public AssetDetails Details => new(Kind, Model, Serial, Vendor, PurchaseDate, Cost, WarrantyEnd, Location);

    public void Transition(AssetAction action, string by, string? note, DateTimeOffset now)
    {
        var next = AssetLifecycle.Workflow.Next(Status, action);
        var from = Status;
        Status = next;
        ReleaseHolder(); // no lifecycle move leads to Assigned, so none keeps a holder (an assigned asset sent to repair has none)
        UpdatedAt = now;
        Record(action.ToString().ToLowerInvariant(), from, next, by, note, now);
        Raise(new AssetStatusChanged(Id, Tag, from.ToString(), next.ToString(), by, now));
    }

    /// <summary>Hands an asset in stock to a person (optionally for a project).</summary>
    public void Assign(string userId, Guid? projectId, string? projectKey, string by, string? note, DateTimeOffset now)
    {
        if (Status != AssetStatus.InStock)
            throw new DomainException("not-in-stock",
                Status == AssetStatus.Assigned
                    ? $"{Tag} is assigned to {AssignedTo}; return it first."
                    : $"{Tag} is {Status}; only an asset in stock can be assigned.");
        var from = Status;
        Status = AssetStatus.Assigned;
        AssignedTo = userId;
        ProjectId = projectId;
        ProjectKey = projectKey;
        AssignedAt = now;
        UpdatedAt = now;
        Record("assigned", from, Status, by, note, now);
        Raise(new AssetStatusChanged(Id, Tag, from.ToString(), Status.ToString(), by, now));
        Raise(new AssetAssigned(Id, Tag, userId, projectId, projectKey, by, now));
    }

    /// <summary>Takes an assigned asset back into stock (or straight to repair).</summary>
    public void Return(string by, string? note, bool toRepair, DateTimeOffset now)
    {
        if (Status != AssetStatus.Assigned)
            throw new DomainException("not-assigned", $"{Tag} is {Status}; only an assigned asset can be returned.");
        var holder = AssignedTo!;
        var project = ProjectKey;
        var from = Status;
        Status = toRepair ? AssetStatus.InRepair : AssetStatus.InStock;
        // The entry names whom the asset came back from and for which project (as the assignment's entry does).
        Record("returned", from, Status, by, note, now);
        ReleaseHolder();
        UpdatedAt = now;
        Raise(new AssetStatusChanged(Id, Tag, from.ToString(), Status.ToString(), by, now));
        Raise(new AssetReturned(Id, Tag, holder, project, by, now));
    }

    /// <summary>Days until the warranty ends (negative: ended), or null without a warranty date.</summary>
    public int? WarrantyDaysLeft(DateOnly today) => WarrantyEnd is { } end ? end.DayNumber - today.DayNumber : null;

    /// <summary>Announces the warranty as expiring, once per warranty end date. Returns false when already announced.</summary>
    public bool NoticeWarrantyExpiring(DateOnly today, DateTimeOffset now)
    {
        if (WarrantyEnd is not { } end || WarrantyNoticeFor == end || !AssetLifecycle.IsActive(Status)) return false;
        WarrantyNoticeFor = end;
        Raise(new WarrantyExpiring(Id, Tag, Model, AssignedTo, end, end.DayNumber - today.DayNumber, now));
        return true;
    }

    /// <summary>Clears the holder and the project it was held for; the history entry recorded just before keeps them.</summary>
    private void ReleaseHolder()
    {
        AssignedTo = null;
        ProjectId = null;
        ProjectKey = null;
        AssignedAt = null;
    }

    private void Record(string action, AssetStatus? from, AssetStatus to, string by, string? note, DateTimeOffset now) =>
        _history.Add(new AssetHistoryEntry
        {
            AssetId = Id,
            At = now,
            Action = action,
            FromStatus = from,
            ToStatus = to,
            AssignedTo = AssignedTo,
            ProjectKey = ProjectKey,
            By = by,
            Note = note,
        });
}

/// <summary>The descriptive fields of an asset.</summary>
public sealed record AssetDetails(
    AssetKind Kind, string Model, string? Serial, string? Vendor, DateOnly? PurchaseDate, decimal? Cost, DateOnly? WarrantyEnd, string? Location);

/// <summary>One step of an asset's life: status moves and assignments, who and when.</summary>
public sealed class AssetHistoryEntry
{
    public long Id { get; init; }
    public Guid AssetId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Action { get; init; }
    public AssetStatus? FromStatus { get; init; }
    public AssetStatus ToStatus { get; init; }
    public string? AssignedTo { get; init; }
    public string? ProjectKey { get; init; }
    public required string By { get; init; }
    public string? Note { get; init; }
}

/// <summary>A help desk ticket that names an asset, as the ticketing events told it.</summary>
public sealed class AssetIncident
{
    public Guid TicketId { get; init; }
    public required string TicketKey { get; set; }
    public required string AssetTag { get; set; }
    public string? Title { get; set; }
    public string? Priority { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsOpen => Status is not ("Resolved" or "Closed");
}
