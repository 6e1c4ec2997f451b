using System.Net.Http.Json;
using Platform.Portal.Api.Pmo;

namespace Platform.Portal.Api;

/// <summary>The PMO analysts' calls: portfolio, escalations, risks, one project's log, schedule and reports.</summary>
public sealed partial class PlatformApi
{
    public Task<ApiResult<Page<Standing>>> PortfolioAsync(string? phase, string? health, string? cursor, CancellationToken ct = default)
    {
        var url = "api/portfolio?limit=200" + Cursor(cursor);
        if (!string.IsNullOrEmpty(phase)) url += $"&phase={Uri.EscapeDataString(phase)}";
        if (!string.IsNullOrEmpty(health)) url += $"&health={Uri.EscapeDataString(health)}";
        return GetAsync<Page<Standing>>(url, ct);
    }

    /// <summary>Every page of the portfolio (the PMO sees every project).</summary>
    public async Task<ApiResult<IReadOnlyList<Standing>>> WholePortfolioAsync(string? phase, string? health, CancellationToken ct = default)
    {
        var all = new List<Standing>();
        string? cursor = null;
        do
        {
            var page = await PortfolioAsync(phase, health, cursor, ct);
            if (!page.Ok) return new(null, page.Problem, page.Status);
            all.AddRange(page.Value!.Items);
            cursor = page.Value.NextCursor;
        } while (cursor is not null);
        return new(all, null, 200);
    }

    public Task<ApiResult<ProjectCost>> CostAsync(string project, CancellationToken ct = default) =>
        GetAsync<ProjectCost>($"api/projects/{Uri.EscapeDataString(project)}/cost", ct);

    public Task<ApiResult<Standing>> StandingAsync(string project, CancellationToken ct = default) =>
        GetAsync<Standing>($"api/projects/{Uri.EscapeDataString(project)}/health", ct);

    public Task<ApiResult<Standing>> OverrideHealthAsync(string project, string? health, string? comment, CancellationToken ct = default) =>
        PmoSendAsync<Standing>(HttpMethod.Put, $"api/projects/{Uri.EscapeDataString(project)}/health/override", new { health, comment }, ct);

    public Task<ApiResult<bool>> ClearHealthOverrideAsync(string project, CancellationToken ct = default) =>
        PmoSendAsync<bool>(HttpMethod.Delete, $"api/projects/{Uri.EscapeDataString(project)}/health/override", null, ct);

    public Task<ApiResult<ProjectInfo>> ProjectAsync(string project, CancellationToken ct = default) =>
        GetAsync<ProjectInfo>($"api/projects/{Uri.EscapeDataString(project)}", ct);

    public Task<ApiResult<IReadOnlyList<Member>>> MembersAsync(string project, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<Member>>($"api/projects/{Uri.EscapeDataString(project)}/members", ct);

    /// <summary>Escalations across the projects the caller sees, newest first, by status.</summary>
    public Task<ApiResult<Page<Escalation>>> EscalationsAsync(string? status, string? project = null, CancellationToken ct = default)
    {
        var url = "api/escalations?limit=100";
        if (!string.IsNullOrEmpty(status)) url += $"&status={Uri.EscapeDataString(status)}";
        if (!string.IsNullOrEmpty(project)) url += $"&project={Uri.EscapeDataString(project)}";
        return GetAsync<Page<Escalation>>(url, ct);
    }

    /// <summary>Acknowledge or Resolve, with a note (the resolution when resolving).</summary>
    public Task<ApiResult<Escalation>> TransitionEscalationAsync(string key, string action, string? note, CancellationToken ct = default) =>
        PostAsync<Escalation>($"api/escalations/{Uri.EscapeDataString(key)}/transitions", new { action, note }, ct);

    public Task<ApiResult<Page<Risk>>> RisksAsync(string project, CancellationToken ct = default) =>
        GetAsync<Page<Risk>>($"api/projects/{Uri.EscapeDataString(project)}/risks?limit=200", ct);

    /// <summary>Rescores a risk (probability and impact 1–5); crossing the threshold raises an escalation.</summary>
    public Task<ApiResult<Risk>> RescoreRiskAsync(string project, string risk, int probability, int impact, CancellationToken ct = default) =>
        PmoSendAsync<Risk>(HttpMethod.Patch, $"api/projects/{Uri.EscapeDataString(project)}/risks/{Uri.EscapeDataString(risk)}", new { probability, impact }, ct);

    public Task<ApiResult<Page<Issue>>> IssuesAsync(string project, CancellationToken ct = default) =>
        GetAsync<Page<Issue>>($"api/projects/{Uri.EscapeDataString(project)}/issues?limit=200", ct);

    public Task<ApiResult<IReadOnlyList<Milestone>>> MilestonesAsync(string project, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<Milestone>>($"api/projects/{Uri.EscapeDataString(project)}/milestones", ct);

    public Task<ApiResult<Page<ProjectTask>>> TasksAsync(string project, CancellationToken ct = default) =>
        GetAsync<Page<ProjectTask>>($"api/projects/{Uri.EscapeDataString(project)}/tasks?limit=200", ct);

    public Task<ApiResult<IReadOnlyList<Deliverable>>> DeliverablesAsync(string project, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<Deliverable>>($"api/projects/{Uri.EscapeDataString(project)}/deliverables", ct);

    public Task<ApiResult<Page<ReportSummary>>> StatusReportsAsync(string project, CancellationToken ct = default) =>
        GetAsync<Page<ReportSummary>>($"api/projects/{Uri.EscapeDataString(project)}/status-reports?limit=50", ct);

    /// <summary>Generates this week's report (409 when it exists already: reports are kept as generated).</summary>
    public Task<ApiResult<StatusReport>> GenerateStatusReportAsync(string project, CancellationToken ct = default) =>
        PostAsync<StatusReport>($"api/projects/{Uri.EscapeDataString(project)}/status-reports", new { }, ct);

    public Task<ApiResult<StatusReport>> StatusReportAsync(string key, CancellationToken ct = default) =>
        GetAsync<StatusReport>($"api/status-reports/{Uri.EscapeDataString(key)}", ct);

    /// <summary>A report as Markdown, as the service writes it.</summary>
    public async Task<ApiResult<string>> StatusReportMarkdownAsync(string key, CancellationToken ct = default)
    {
        try
        {
            using var response = await GetResponseAsync($"api/status-reports/{Uri.EscapeDataString(key)}?format=md", ct);
            if (!response.IsSuccessStatusCode) return await ReadAsync<string>(response, ct);
            return new(await response.Content.ReadAsStringAsync(ct), null, (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            return Unreachable<string>(e);
        }
    }

    public Task<ApiResult<IReadOnlyList<Allocation>>> AllocationsAsync(string project, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<Allocation>>($"api/projects/{Uri.EscapeDataString(project)}/allocations", ct);

    /// <summary>PUT, PATCH or DELETE with an Idempotency-Key; a 204 answers true.</summary>
    private async Task<ApiResult<T>> PmoSendAsync<T>(HttpMethod method, string url, object? body, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null) request.Content = JsonContent.Create(body, options: Json);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await SendAsync(request, ct);
            if (response.StatusCode == System.Net.HttpStatusCode.NoContent && typeof(T) == typeof(bool))
                return new((T)(object)true, null, 204);
            return await ReadAsync<T>(response, ct);
        }
        catch (HttpRequestException e)
        {
            return Unreachable<T>(e);
        }
    }
}
