namespace Platform.Assets.Domain;

public enum KitItemKind { Hardware, Account, Software, Other }

/// <summary>One line of a kit profile: what a newcomer needs (a laptop model, an account, a piece of software).</summary>
public sealed record KitItem(KitItemKind Kind, string Description, AssetKind? AssetKind = null, string? Model = null, string? Product = null);

/// <summary>
/// What PSO hands a newcomer, per project and/or role, or per department. A project member gets the most specific
/// project profile: project and role, then project, then the profile the project's template names, then role, then the
/// default profile (neither), then the built-in kit. A person joining the organisation gets their department's profile (<see cref="Department"/>), or nothing.
/// </summary>
public sealed class KitProfile
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public string? ProjectKey { get; set; }
    public string? Role { get; set; }

    /// <summary>A department profile: the kit of a person joining this department (never used for a project membership).</summary>
    public string? Department { get; set; }
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
    public static KitProfile? Choose(IEnumerable<KitProfile> profiles, string projectKey, string role, string? named = null) =>
        profiles
            .Where(p => p.Department is null)
            .Select(p => (Profile: p, Rank: Math.Max(Rank(p, projectKey, role), named is not null && p.Name == named ? NamedRank : 0)))
            .Where(x => x.Rank > 0)
            .OrderByDescending(x => x.Rank)
            .ThenBy(x => x.Profile.Name, StringComparer.Ordinal)
            .Select(x => x.Profile)
            .FirstOrDefault();

    /// <summary>The profile of a department (names compared without case; the first by name if several), or null.</summary>
    public static KitProfile? ForDepartment(IEnumerable<KitProfile> profiles, string department) =>
        profiles
            .Where(p => string.Equals(p.Department, department.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>The rank of the profile a project's template names: below the project's own profiles, above the role's.</summary>
    private const int NamedRank = 3;

    private static int Rank(KitProfile p, string projectKey, string role)
    {
        var projectMatches = p.ProjectKey is null || string.Equals(p.ProjectKey, projectKey, StringComparison.OrdinalIgnoreCase);
        var roleMatches = p.Role is null || string.Equals(p.Role, role, StringComparison.OrdinalIgnoreCase);
        if (!projectMatches || !roleMatches) return 0;
        return p.ProjectKey is not null ? (p.Role is not null ? 5 : 4) : p.Role is not null ? 2 : 1;
    }
}

public enum KittingKind { Onboarding, Return }

public enum KittingStatus { Open, Completed, Cancelled }

/// <summary>
/// PSO's work for one membership (KIT-12): an onboarding kit when a person joins a project, a return when they
/// leave. A checklist of items; assets and licence seats handed over (or taken back) are recorded on the items.
/// A person joining or leaving the organisation (identity's PersonJoined/PersonLeft) gets a request of their own,
/// for no project: <see cref="ProjectId"/> is <see cref="Guid.Empty"/> and <see cref="ProjectKey"/> empty.
/// </summary>
public sealed class KittingRequest : NumberedAggregate
{
    public const string KeyPrefix = "KIT-";

    /// <summary>The note on a seat item settled because the holder left (the seat was reclaimed at once).</summary>
    public const string SeatReclaimedNote = "Seat reclaimed when the person left.";

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

    /// <summary>The department whose kit profile a joiner's request came from (null for project requests).</summary>
    public string? Department { get; private set; }

    /// <summary>Whether this request is about a person joining or leaving the organisation rather than a project.</summary>
    public bool IsPersonLevel => ProjectId == Guid.Empty;

    /// <summary>When the membership event happened: with kind, project and user it identifies the membership (unique).</summary>
    public DateTimeOffset MembershipAt { get; private init; }

    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    public string? Note { get; private set; }

    public IReadOnlyList<KittingItem> Items => _items;

    public static KittingRequest OpenOnboarding(long number, Guid projectId, string projectKey, string userId, string role,
        string profileName, IReadOnlyList<KitItem> kit, DateTimeOffset membershipAt, DateTimeOffset now) =>
        OpenOnboarding(New(number, KittingKind.Onboarding, projectId, projectKey, userId, role, profileName, membershipAt, now), kit, now);

    /// <summary>The kit of a person joining the organisation (or opened by hand), from a kit profile (no project).</summary>
    public static KittingRequest OpenForJoiner(long number, string userId, string? department, KitProfile profile,
        DateTimeOffset joinedAt, DateTimeOffset now)
    {
        var request = New(number, KittingKind.Onboarding, Guid.Empty, "", userId, "", profile.Name, joinedAt, now);
        request.Department = department;
        return OpenOnboarding(request, profile.Items, now);
    }

    private static KittingRequest OpenOnboarding(KittingRequest request, IReadOnlyList<KitItem> kit, DateTimeOffset now)
    {
        foreach (var item in kit) request.AddItem(item.Kind, item.Description, item.AssetKind, item.Model, item.Product, null, null);
        request.Raise(new KittingRequested(request.Id, request.Key, request.ProjectId, request.ProjectKey, request.UserId, request.Role,
            request.KitProfile, request._items.Select(i => i.Description).ToList(), now));
        return request;
    }

    /// <summary>
    /// A return request listing what the leaver holds for the project (assets by tag, licence seats); with
    /// <see cref="Guid.Empty"/> and no key, a return of what the person holds, for no project (opened by hand).
    /// </summary>
    public static KittingRequest OpenReturn(long number, Guid projectId, string projectKey, string userId,
        IReadOnlyList<Asset> assets, IReadOnlyList<Licence> licences, DateTimeOffset membershipAt, DateTimeOffset now)
    {
        var request = New(number, KittingKind.Return, projectId, projectKey, userId, "", "return", membershipAt, now);
        _ = request.AddReturns(assets, licences, reclaimedBy: null, now);
        if (projectId != Guid.Empty) request.AddItem(KitItemKind.Account, "Remove access to the project's workspace", null, null, null, null, null);
        return request.RaiseReturnRequested(assets, licences, now);
    }

    /// <summary>
    /// The return request of a person who left the organisation (no project): the hardware they hold, to collect,
    /// and the licence seats that were reclaimed when they left (listed as done).
    /// </summary>
    public static KittingRequest OpenForLeaver(long number, string userId, IReadOnlyList<Asset> assets, IReadOnlyList<Licence> reclaimed,
        string by, DateTimeOffset leftAt, DateTimeOffset now)
    {
        var request = New(number, KittingKind.Return, Guid.Empty, "", userId, "", "leaver", leftAt, now);
        _ = request.AddReturns(assets, reclaimed, reclaimedBy: by, now);
        return request.RaiseReturnRequested(assets, reclaimed, now);
    }

    /// <summary>
    /// Adds to this open return request the items of a leaver it does not list yet: hardware to collect, and seats
    /// reclaimed already (done). Nothing is announced: as with an item added by hand, the request stays the same one.
    /// </summary>
    public IReadOnlyList<KittingItem> AddForLeaver(IReadOnlyList<Asset> assets, IReadOnlyList<Licence> reclaimed, string by, DateTimeOffset now)
    {
        EnsureOpen();
        if (Kind != KittingKind.Return) throw new DomainException("not-a-return", $"{Key} is not a return request.");
        UpdatedAt = now;
        return AddReturns(assets, reclaimed, reclaimedBy: by, now);
    }

    /// <summary>Ticks the open items that release a seat of this licence: the seat was reclaimed otherwise (the holder left).</summary>
    public IReadOnlyList<KittingItem> SettleSeat(string licenceKey, string by, DateTimeOffset now)
    {
        var settled = _items.Where(i => i.DoneAt is null && i.LicenceKey == licenceKey).ToList();
        if (Status != KittingStatus.Open || settled.Count == 0) return [];
        foreach (var item in settled)
        {
            item.DoneAt = now;
            item.DoneBy = by;
            item.Note = SeatReclaimedNote;
        }

        UpdatedAt = now;
        return settled;
    }

    /// <summary>The asset tags and licence keys this request still asks back (items not done yet).</summary>
    public IEnumerable<string> Outstanding => _items.Where(i => i.DoneAt is null)
        .SelectMany(i => new[] { i.AssetTag, i.LicenceKey }).Where(k => k is not null).Select(k => k!);

    private List<KittingItem> AddReturns(IReadOnlyList<Asset> assets, IReadOnlyList<Licence> licences, string? reclaimedBy, DateTimeOffset now)
    {
        var added = new List<KittingItem>();
        foreach (var asset in assets)
            added.Add(AddItem(KitItemKind.Hardware, $"Return {asset.Tag} ({asset.Kind} {asset.Model})", asset.Kind, asset.Model, null, asset.Tag, null));
        foreach (var licence in licences)
        {
            var item = AddItem(KitItemKind.Software, $"Release the {licence.Product} seat ({licence.Key})", null, null, licence.Product, null, licence.Key);
            added.Add(item);
            if (reclaimedBy is null) continue;
            item.DoneAt = now;
            item.DoneBy = reclaimedBy;
            item.Note = SeatReclaimedNote;
        }

        return added;
    }

    private KittingRequest RaiseReturnRequested(IReadOnlyList<Asset> assets, IReadOnlyList<Licence> licences, DateTimeOffset now)
    {
        Raise(new ReturnRequested(Id, Key, ProjectId, ProjectKey, UserId, assets.Select(a => a.Tag).ToList(), licences.Select(l => l.Key).ToList(), now));
        return this;
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

public sealed class KittingItem : RequestItem
{
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
