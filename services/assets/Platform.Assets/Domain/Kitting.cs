namespace Platform.Assets.Domain;

public enum KitItemKind { Hardware, Account, Software, Other }

/// <summary>One line of a kit profile: what a newcomer needs (a laptop model, an account, a piece of software).</summary>
public sealed record KitItem(KitItemKind Kind, string Description, AssetKind? AssetKind = null, string? Model = null, string? Product = null);

/// <summary>
/// What PSO hands a newcomer, per project and/or role. The most specific profile wins: project and role, then
/// project, then role, then the default profile (neither), then the built-in kit.
/// </summary>
public sealed class KitProfile
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public string? ProjectKey { get; set; }
    public string? Role { get; set; }
    public List<KitItem> Items { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; private set; }

    public static readonly IReadOnlyList<KitItem> BuiltIn =
    [
        new(KitItemKind.Hardware, "Laptop", AssetKind.Laptop),
        new(KitItemKind.Account, "Directory account and e-mail"),
        new(KitItemKind.Account, "Access to the project's workspace"),
    ];

    /// <summary>The profile for a project and role: the most specific match, or null (use <see cref="BuiltIn"/>).</summary>
    public static KitProfile? Choose(IEnumerable<KitProfile> profiles, string projectKey, string role) =>
        profiles
            .Select(p => (Profile: p, Rank: Rank(p, projectKey, role)))
            .Where(x => x.Rank > 0)
            .OrderByDescending(x => x.Rank)
            .ThenBy(x => x.Profile.Name, StringComparer.Ordinal)
            .Select(x => x.Profile)
            .FirstOrDefault();

    private static int Rank(KitProfile p, string projectKey, string role)
    {
        var projectMatches = p.ProjectKey is null || string.Equals(p.ProjectKey, projectKey, StringComparison.OrdinalIgnoreCase);
        var roleMatches = p.Role is null || string.Equals(p.Role, role, StringComparison.OrdinalIgnoreCase);
        if (!projectMatches || !roleMatches) return 0;
        return (p.ProjectKey is not null ? 2 : 0) + (p.Role is not null ? 1 : 0) + 1;
    }
}

public enum KittingKind { Onboarding, Return }

public enum KittingStatus { Open, Completed, Cancelled }

/// <summary>
/// PSO's work for one membership (KIT-12): an onboarding kit when a person joins a project, a return when they
/// leave. A checklist of items; assets and licence seats handed over (or taken back) are recorded on the items.
/// </summary>
public sealed class KittingRequest : NumberedAggregate
{
    public const string KeyPrefix = "KIT-";

    private readonly List<KittingItem> _items = [];

    private KittingRequest() { }

    public string Key => KeyPrefix + Number;
    public KittingKind Kind { get; private init; }
    public KittingStatus Status { get; private set; }
    public Guid ProjectId { get; private init; }
    public string ProjectKey { get; private init; } = "";
    public string UserId { get; private init; } = "";
    public string Role { get; private init; } = "";
    public string KitProfile { get; private init; } = "";

    /// <summary>When the membership event happened: with kind, project and user it identifies the membership (unique).</summary>
    public DateTimeOffset MembershipAt { get; private init; }

    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    public string? Note { get; private set; }

    public IReadOnlyList<KittingItem> Items => _items;

    public static KittingRequest OpenOnboarding(long number, Guid projectId, string projectKey, string userId, string role,
        string profileName, IReadOnlyList<KitItem> kit, DateTimeOffset membershipAt, DateTimeOffset now)
    {
        var request = New(number, KittingKind.Onboarding, projectId, projectKey, userId, role, profileName, membershipAt, now);
        foreach (var item in kit) request.AddItem(item.Kind, item.Description, item.AssetKind, item.Model, item.Product, null, null);
        request.Raise(new KittingRequested(request.Id, request.Key, projectId, projectKey, userId, role, profileName,
            request._items.Select(i => i.Description).ToList(), now));
        return request;
    }

    /// <summary>A return request listing what the leaver holds for the project (assets by tag, licence seats).</summary>
    public static KittingRequest OpenReturn(long number, Guid projectId, string projectKey, string userId,
        IReadOnlyList<Asset> assets, IReadOnlyList<Licence> licences, DateTimeOffset membershipAt, DateTimeOffset now)
    {
        var request = New(number, KittingKind.Return, projectId, projectKey, userId, "", "return", membershipAt, now);
        foreach (var asset in assets)
            request.AddItem(KitItemKind.Hardware, $"Return {asset.Tag} ({asset.Kind} {asset.Model})", asset.Kind, asset.Model, null, asset.Tag, null);
        foreach (var licence in licences)
            request.AddItem(KitItemKind.Software, $"Release the {licence.Product} seat ({licence.Key})", null, null, licence.Product, null, licence.Key);
        request.AddItem(KitItemKind.Account, "Remove access to the project's workspace", null, null, null, null, null);
        request.Raise(new ReturnRequested(request.Id, request.Key, projectId, projectKey, userId,
            assets.Select(a => a.Tag).ToList(), licences.Select(l => l.Key).ToList(), now));
        return request;
    }

    private static KittingRequest New(long number, KittingKind kind, Guid projectId, string projectKey, string userId, string role,
        string profile, DateTimeOffset membershipAt, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(), Number = number, Kind = kind, Status = KittingStatus.Open, ProjectId = projectId, ProjectKey = projectKey,
        UserId = userId, Role = role, KitProfile = profile, MembershipAt = membershipAt, CreatedAt = now, UpdatedAt = now,
    };

    public KittingItem AddItem(KitItemKind kind, string description, AssetKind? assetKind, string? model, string? product, string? assetTag, string? licenceKey)
    {
        EnsureOpen();
        var item = new KittingItem
        {
            Id = Guid.CreateVersion7(), RequestId = Id, Position = _items.Count + 1, Kind = kind, Description = description,
            AssetKind = assetKind, Model = model, Product = product, AssetTag = assetTag, LicenceKey = licenceKey,
        };
        _items.Add(item);
        return item;
    }

    /// <summary>Ticks an item, recording the asset or licence seat that settled it (if any).</summary>
    public KittingItem CompleteItem(Guid itemId, string by, string? note, string? assetTag, string? licenceKey, DateTimeOffset now)
    {
        EnsureOpen();
        var item = _items.FirstOrDefault(i => i.Id == itemId)
            ?? throw new KeyNotFoundException($"Item {itemId} is not on {Key}.");
        if (item.DoneAt is not null) throw new DomainException("item-done", $"Item {item.Position} of {Key} is already done.");
        item.DoneAt = now;
        item.DoneBy = by;
        item.Note = note;
        if (assetTag is not null) item.AssetTag = assetTag;
        if (licenceKey is not null) item.LicenceKey = licenceKey;
        UpdatedAt = now;
        return item;
    }

    public void Complete(string by, string? note, DateTimeOffset now)
    {
        EnsureOpen();
        var open = _items.Where(i => i.DoneAt is null).Select(i => i.Position).ToList();
        if (open.Count > 0)
            throw new DomainException("checklist-incomplete", $"{Key} still has open items: {string.Join(", ", open)}.");
        Status = KittingStatus.Completed;
        CompletedAt = now;
        CompletedBy = by;
        Note = note;
        UpdatedAt = now;
        if (Kind == KittingKind.Onboarding)
            Raise(new KittingCompleted(Id, Key, ProjectId, ProjectKey, UserId,
                _items.Where(i => i.AssetTag is not null).Select(i => i.AssetTag!).Distinct().ToList(),
                _items.Where(i => i.LicenceKey is not null).Select(i => i.LicenceKey!).Distinct().ToList(), by, now));
        else
            Raise(new ReturnCompleted(Id, Key, ProjectId, ProjectKey, UserId, by, now));
    }

    public void Cancel(string by, string? note, DateTimeOffset now)
    {
        EnsureOpen();
        Status = KittingStatus.Cancelled;
        CompletedAt = now;
        CompletedBy = by;
        Note = note;
        UpdatedAt = now;
    }

    private void EnsureOpen()
    {
        if (Status != KittingStatus.Open) throw new DomainException("request-closed", $"{Key} is {Status}.");
    }
}

public sealed class KittingItem
{
    public Guid Id { get; init; }
    public Guid RequestId { get; init; }
    public int Position { get; init; }
    public KitItemKind Kind { get; init; }
    public required string Description { get; init; }
    public AssetKind? AssetKind { get; init; }
    public string? Model { get; init; }
    public string? Product { get; init; }
    public string? AssetTag { get; set; }
    public string? LicenceKey { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    public string? Note { get; set; }
}
