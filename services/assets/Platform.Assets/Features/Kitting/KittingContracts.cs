namespace Platform.Assets.Features.Kitting;

public sealed record KitProfileRequest(string? Name, string? ProjectKey, string? Role, IReadOnlyList<KitItem>? Items, string? Department = null);

public sealed record KitProfileResponse(
    Guid Id, string Name, string? ProjectKey, string? Role, string? Department, IReadOnlyList<KitItem> Items, DateTimeOffset UpdatedAt)
{
    public static KitProfileResponse From(KitProfile p) => new(p.Id, p.Name, p.ProjectKey, p.Role, p.Department, p.Items, p.UpdatedAt);
}

/// <summary>A request opened by hand for a person, for no project: a kit (from a profile) or a return of what they hold.</summary>
public sealed record OpenKittingRequest(KittingKind? Kind, string? UserId, Guid? ProfileId);

public sealed record AddKittingItemRequest(KitItemKind? Kind, string? Description);

public sealed record CompleteItemRequest(string? Note, string? AssetTag, string? Licence, bool AllowOveruse = false);

public sealed record KittingNoteRequest(string? Note);

public sealed record KittingItemResponse(
    Guid Id, int Position, KitItemKind Kind, string Description, AssetKind? AssetKind, string? Model, string? Product, string? AssetTag,
    string? LicenceKey, bool Done, DateTimeOffset? DoneAt, string? DoneBy, string? Note)
{
    public static KittingItemResponse From(KittingItem i) => new(i.Id, i.Position, i.Kind, i.Description, i.AssetKind, i.Model, i.Product,
        i.AssetTag, i.LicenceKey, i.DoneAt is not null, i.DoneAt, i.DoneBy, i.Note);
}

public sealed record KittingResponse(
    Guid Id, string Key, KittingKind Kind, KittingStatus Status, Guid ProjectId, string ProjectKey, string UserId, string Role, string KitProfile,
    string? Department, int ItemsDone, int ItemsTotal, IReadOnlyList<KittingItemResponse> Items, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt, string? CompletedBy, string? Note)
{
    public static KittingResponse From(KittingRequest r) => new(r.Id, r.Key, r.Kind, r.Status, r.ProjectId, r.ProjectKey, r.UserId, r.Role,
        r.KitProfile, r.Department, r.Items.Count(i => i.DoneAt is not null), r.Items.Count, r.Items.OrderBy(i => i.Position).Select(KittingItemResponse.From).ToList(),
        r.CreatedAt, r.UpdatedAt, r.CompletedAt, r.CompletedBy, r.Note);
}
