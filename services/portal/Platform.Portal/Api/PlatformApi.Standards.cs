using Platform.Portal.Api.Pmo;

namespace Platform.Portal.Api;

/// <summary>The PMO's standards: project templates, a project's compliance, the portfolio's, and projects started from a template.</summary>
public sealed partial class PlatformApi
{
    public Task<ApiResult<IReadOnlyList<TemplateSummary>>> TemplatesAsync(bool includeRetired = false, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<TemplateSummary>>($"api/templates?includeRetired={(includeRetired ? "true" : "false")}", ct);

    public Task<ApiResult<TemplateDetail>> TemplateAsync(string key, int? version = null, CancellationToken ct = default) =>
        GetAsync<TemplateDetail>($"api/templates/{Uri.EscapeDataString(key)}" + (version is null ? "" : $"?version={version}"), ct);

    /// <summary>Publishes the next version of a template from its definition as JSON (what the editor holds).</summary>
    public Task<ApiResult<TemplateDetail>> PublishTemplateAsync(string key, System.Text.Json.Nodes.JsonNode definition, CancellationToken ct = default) =>
        PmoSendAsync<TemplateDetail>(HttpMethod.Put, $"api/templates/{Uri.EscapeDataString(key)}", definition, ct);

    public Task<ApiResult<bool>> RetireTemplateAsync(string key, CancellationToken ct = default) =>
        PmoSendAsync<bool>(HttpMethod.Delete, $"api/templates/{Uri.EscapeDataString(key)}", null, ct);

    public Task<ApiResult<Compliance>> ComplianceAsync(string project, CancellationToken ct = default) =>
        GetAsync<Compliance>($"api/projects/{Uri.EscapeDataString(project)}/compliance", ct);

    public Task<ApiResult<Compliance>> FollowTemplateAsync(string project, string template, bool instantiate, CancellationToken ct = default) =>
        PmoSendAsync<Compliance>(HttpMethod.Put, $"api/projects/{Uri.EscapeDataString(project)}/template", new { template, instantiate }, ct);

    public Task<ApiResult<Compliance>> SkipStandardItemAsync(string project, string item, string? reason, CancellationToken ct = default) =>
        PmoSendAsync<Compliance>(HttpMethod.Put, $"api/projects/{Uri.EscapeDataString(project)}/compliance/{Uri.EscapeDataString(item)}/skip", new { reason }, ct);

    public Task<ApiResult<Compliance>> UnskipStandardItemAsync(string project, string item, CancellationToken ct = default) =>
        PmoSendAsync<Compliance>(HttpMethod.Delete, $"api/projects/{Uri.EscapeDataString(project)}/compliance/{Uri.EscapeDataString(item)}/skip", null, ct);

    public Task<ApiResult<Compliance>> MakeStandardItemAsync(string project, string item, CancellationToken ct = default) =>
        PostAsync<Compliance>($"api/projects/{Uri.EscapeDataString(project)}/compliance/{Uri.EscapeDataString(item)}/instantiate", new { }, ct);

    public Task<ApiResult<IReadOnlyList<PortfolioCompliance>>> PortfolioComplianceAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<PortfolioCompliance>>("api/portfolio/compliance", ct);

    /// <summary>Opens a project from a template (its milestones, deliverables, risks and meetings are made from the start date).</summary>
    public Task<ApiResult<ProjectInfo>> StartProjectAsync(string? name, string? manager, DateOnly? startDate, DateOnly? endDate, string template,
        CancellationToken ct = default) =>
        PostAsync<ProjectInfo>("api/projects", new { name, manager, startDate, endDate, template }, ct);
}
