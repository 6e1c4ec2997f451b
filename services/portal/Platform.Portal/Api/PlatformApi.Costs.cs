using Platform.Portal.Api.Pmo;

namespace Platform.Portal.Api;

/// <summary>A project's actual costs: the latest, recording one by hand, deleting one recorded by hand.</summary>
public sealed partial class PlatformApi
{
    public Task<ApiResult<IReadOnlyList<CostEntry>>> CostsAsync(string project, int limit = 50, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<CostEntry>>($"api/projects/{Uri.EscapeDataString(project)}/costs?limit={limit}", ct);

    public Task<ApiResult<CostEntry>> RecordCostAsync(string project, DateOnly? date, string? category, decimal? amount, string? description,
        CancellationToken ct = default) =>
        PostAsync<CostEntry>($"api/projects/{Uri.EscapeDataString(project)}/costs", new { date, category, amount, description }, ct);

    public Task<ApiResult<bool>> DeleteCostAsync(string project, Guid cost, CancellationToken ct = default) =>
        PmoSendAsync<bool>(HttpMethod.Delete, $"api/projects/{Uri.EscapeDataString(project)}/costs/{cost}", null, ct);

    /// <summary>Replaces the project's budget with these lines (period yyyy-MM, category, amount); none clears it.</summary>
    public Task<ApiResult<ProjectCost>> SetBudgetAsync(string project, object lines, CancellationToken ct = default) =>
        PmoSendAsync<ProjectCost>(HttpMethod.Put, $"api/projects/{Uri.EscapeDataString(project)}/cost/budget", new { lines }, ct);
}
