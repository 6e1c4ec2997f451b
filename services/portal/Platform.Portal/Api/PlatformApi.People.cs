using Platform.Portal.Api.Meetings;
using Platform.Portal.Api.People;
using Platform.Portal.Api.Pmo;

namespace Platform.Portal.Api;

/// <summary>The admin's people directory (identity's /api/users) and a leaver's offboarding list across the services.</summary>
public sealed partial class PlatformApi
{
    /// <summary>The directory, by name; <paramref name="active"/> null: everyone, true: active only, false: inactive only (filtered here).</summary>
    public Task<ApiResult<Page<DirectoryEntry>>> UsersAsync(string? query, string? role, string? cursor, CancellationToken ct = default)
    {
        var url = $"api/users?limit=50&includeInactive=true&q={Uri.EscapeDataString(query?.Trim() ?? "")}{Cursor(cursor)}";
        if (!string.IsNullOrEmpty(role)) url += $"&role={Uri.EscapeDataString(role)}";
        return GetAsync<Page<DirectoryEntry>>(url, ct);
    }

    public Task<ApiResult<UserAccount>> UserAsync(string id, CancellationToken ct = default) =>
        GetAsync<UserAccount>($"api/users/{Uri.EscapeDataString(id)}", ct);

    public Task<ApiResult<UserAccount>> CreateUserAsync(NewPerson person, CancellationToken ct = default) =>
        PostAsync<UserAccount>("api/users", person, ct);

    /// <summary>Replaces the person's roles (JSON merge patch: only roles change).</summary>
    public Task<ApiResult<UserAccount>> SetRolesAsync(string id, IReadOnlyList<string> roles, CancellationToken ct = default) =>
        PmoSendAsync<UserAccount>(HttpMethod.Patch, $"api/users/{Uri.EscapeDataString(id)}", new { roles }, ct);

    public Task<ApiResult<UserAccount>> DeactivateUserAsync(string id, CancellationToken ct = default) =>
        PostAsync<UserAccount>($"api/users/{Uri.EscapeDataString(id)}/deactivate", new { }, ct);

    public Task<ApiResult<UserAccount>> ReactivateUserAsync(string id, CancellationToken ct = default) =>
        PostAsync<UserAccount>($"api/users/{Uri.EscapeDataString(id)}/reactivate", new { }, ct);

    public Task<ApiResult<Page<HeldAsset>>> AssetsAssignedToAsync(string userId, CancellationToken ct = default) =>
        GetAsync<Page<HeldAsset>>($"api/assets?assignedTo={Uri.EscapeDataString(userId)}&limit=100", ct);

    public Task<ApiResult<Page<HeldLicence>>> LicencesHeldByAsync(string userId, CancellationToken ct = default) =>
        GetAsync<Page<HeldLicence>>($"api/licences?holder={Uri.EscapeDataString(userId)}&limit=100", ct);

    public Task<ApiResult<Page<Ticket>>> TicketsAssignedToAsync(string userId, CancellationToken ct = default) =>
        GetAsync<Page<Ticket>>($"api/tickets?assignee={Uri.EscapeDataString(userId)}&limit=100", ct);

    public Task<ApiResult<PersonAllocations>> AllocationsOfAsync(string userId, CancellationToken ct = default) =>
        GetAsync<PersonAllocations>($"api/people/{Uri.EscapeDataString(userId)}/allocations", ct);

    public Task<ApiResult<Page<ActionItem>>> ActionItemsOfAsync(string userId, CancellationToken ct = default) =>
        ActionItemsAsync(userId, false, null, ct);
}
