using Platform.Portal.Api.Pmo;

namespace Platform.Portal.Api;

/// <summary>Vendor control: the register, a vendor's scorecard, contracts and quotes; recording a contract for a project.</summary>
public sealed partial class PlatformApi
{
    public Task<ApiResult<IReadOnlyList<VendorSummary>>> VendorsAsync(bool includeInactive, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<VendorSummary>>($"api/vendors?includeInactive={(includeInactive ? "true" : "false")}", ct);

    public Task<ApiResult<VendorDetail>> VendorAsync(string vendor, CancellationToken ct = default) =>
        GetAsync<VendorDetail>($"api/vendors/{Uri.EscapeDataString(vendor)}", ct);

    public Task<ApiResult<VendorDetail>> RegisterVendorAsync(string? name, string? contactEmail, CancellationToken ct = default) =>
        PostAsync<VendorDetail>("api/vendors", new { name, contactEmail }, ct);

    public Task<ApiResult<VendorDetail>> SetVendorActiveAsync(string vendor, bool active, CancellationToken ct = default) =>
        PmoSendAsync<VendorDetail>(HttpMethod.Patch, $"api/vendors/{Uri.EscapeDataString(vendor)}", new { active }, ct);

    public Task<ApiResult<VendorContract>> SignContractAsync(string project, object contract, CancellationToken ct = default) =>
        PostAsync<VendorContract>($"api/projects/{Uri.EscapeDataString(project)}/contracts", contract, ct);
}
