using Platform.Portal.Api.KitProfiles;

namespace Platform.Portal.Api
{
    /// <summary>PSO's kit profiles: the checklists of the kitting requests opened when someone joins (the assets service, through the gateway).</summary>
    public sealed partial class PlatformApi
    {
        public Task<ApiResult<IReadOnlyList<KitProfile>>> KitProfilesAsync(CancellationToken ct = default) =>
            GetAsync<IReadOnlyList<KitProfile>>("api/kit-profiles", ct);

        public Task<ApiResult<KitProfile>> KitProfileAsync(Guid id, CancellationToken ct = default) => GetAsync<KitProfile>($"api/kit-profiles/{id}", ct);

        public Task<ApiResult<KitProfile>> CreateKitProfileAsync(KitProfileDraft draft, CancellationToken ct = default) =>
            PostAsync<KitProfile>("api/kit-profiles", draft.ToRequest(), ct);

        public Task<ApiResult<KitProfile>> UpdateKitProfileAsync(Guid id, KitProfileDraft draft, CancellationToken ct = default) =>
            PmoSendAsync<KitProfile>(HttpMethod.Put, $"api/kit-profiles/{id}", draft.ToRequest(), ct);

        /// <summary>204: true; 404 when it is gone already.</summary>
        public Task<ApiResult<bool>> DeleteKitProfileAsync(Guid id, CancellationToken ct = default) =>
            PmoSendAsync<bool>(HttpMethod.Delete, $"api/kit-profiles/{id}", null, ct);
    }
}

namespace Platform.Portal.Api.KitProfiles
{
    // The assets service's KitProfileResponse and KitItem (Features/Kitting/KittingContracts.cs, Domain/Kitting.cs); enums travel as strings.
    public sealed record KitItem(string Kind, string Description, string? AssetKind, string? Model, string? Product);

    public sealed record KitProfile(Guid Id, string Name, string? ProjectKey, string? Role, string? Department, IReadOnlyList<KitItem> Items, DateTimeOffset UpdatedAt)
    {
        /// <summary>Neither a project, a role nor a department: the default kit of a project member.</summary>
        public bool IsDefault => ProjectKey is null && Role is null && Department is null;
    }

    /// <summary>One checklist line being edited.</summary>
    public sealed class KitItemDraft
    {
        public string Kind { get; set; } = "Hardware";
        public string? Description { get; set; }
        public string? AssetKind { get; set; }
        public string? Model { get; set; }
        public string? Product { get; set; }

        public static KitItemDraft From(KitItem item) =>
            new() { Kind = item.Kind, Description = item.Description, AssetKind = item.AssetKind, Model = item.Model, Product = item.Product };
    }

    /// <summary>A profile being edited; sent as the service's KitProfileRequest (an asset kind and model only for hardware, a product only for software).</summary>
    public sealed class KitProfileDraft
    {
        public string? Name { get; set; }
        public string? ProjectKey { get; set; }
        public string? Role { get; set; }
        public string? Department { get; set; }
        public List<KitItemDraft> Items { get; set; } = [];

        public static KitProfileDraft From(KitProfile p) => new()
        {
            Name = p.Name, ProjectKey = p.ProjectKey, Role = p.Role, Department = p.Department, Items = p.Items.Select(KitItemDraft.From).ToList(),
        };

        public object ToRequest() => new
        {
            name = Name,
            projectKey = Blank(ProjectKey),
            role = Blank(Role),
            department = Blank(Department),
            items = Items.Select(i => new
            {
                kind = i.Kind,
                description = i.Description ?? "",
                assetKind = i.Kind == "Hardware" ? Blank(i.AssetKind) : null,
                model = i.Kind == "Hardware" ? Blank(i.Model) : null,
                product = i.Kind == "Software" ? Blank(i.Product) : null,
            }).ToList(),
        };

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
