namespace Platform.Projects.Tests;

// The projects API's answers as a client reads them. The tests keep their own records rather than the service's, so a
// renamed or retyped field on the wire fails here; enums are read as the strings the wire carries.

public sealed record ProjectView(
    Guid Id, string Key, string Name, string Description, string Manager, DateOnly? StartDate, DateOnly? EndDate,
    string? Code, string? Sponsor, string Phase, decimal? Budget);

public sealed record PageView<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record WeekView(int IsoYear, int IsoWeek, DateOnly WeekStart, int Percent, IReadOnlyList<string> ProjectKeys);

public sealed record AllocationView(Guid Id, Guid ProjectId, string ProjectKey, string UserId, int Percent, DateOnly From, DateOnly To);

public sealed record AllocationResultView(AllocationView Allocation, IReadOnlyList<WeekView> OverAllocatedWeeks);

public sealed record PersonAllocationsView(string UserId, IReadOnlyList<AllocationView> Allocations, IReadOnlyList<WeekView> OverAllocatedWeeks);

public sealed record HealthReasonView(string Level, string Area, string Text);

public sealed record HealthOverrideView(string Health, string Comment, string By, DateTimeOffset At);

public sealed record RiskSummaryView(Guid Id, string Key, string Title, int Score, string Level, string? Owner, string Status);

public sealed record StandingView(
    Guid ProjectId, string ProjectKey, string Name, string Phase, string Health, string ComputedHealth, IReadOnlyList<HealthReasonView> Reasons,
    HealthOverrideView? Override, int Progress, int PlannedProgress, int ScheduleVariance, int OpenIssues, int OpenEscalations,
    IReadOnlyList<RiskSummaryView> TopRisks);

/// <summary>The calls the projects tests make again and again.</summary>
public static class ProjectsApi
{
    /// <summary>The answer's body as <typeparamref name="T"/>, after checking its status (the body is in the message when it is not).</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }

    /// <summary>Checks that the answer is a ProblemDetails with <paramref name="status"/> and, when given, the machine-readable <paramref name="code"/>.</summary>
    public static async Task ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        if (code is not null) JsonDocument.Parse(text).RootElement.GetProperty("code").GetString().ShouldBe(code, text);
    }

    public static async Task<T> GetAsync<T>(this HttpClient http, string url) => await (await http.GetAsync(url)).ReadAsync<T>();

    /// <summary>Creates a project (as whoever <paramref name="http"/> is: PMO for the fixture's client).</summary>
    public static async Task<ProjectView> CreateProjectAsync(this HttpClient http, object project) =>
        await (await http.PostJsonAsync("/api/projects", project)).ReadAsync<ProjectView>(HttpStatusCode.Created);

    /// <summary>A new project's key, managed by <paramref name="manager"/>, with <paramref name="member"/> added as <paramref name="role"/>.</summary>
    public static async Task<string> ProjectWithMemberAsync(this HttpClient http, string member, string manager = "pm", string role = "engineer")
    {
        var key = (await http.CreateProjectAsync(new { name = "Data lake", manager })).Key;
        (await http.PostJsonAsync($"/api/projects/{key}/members", new { userId = member, role })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return key;
    }

    /// <summary>Every item of a keyset-paged list, following <c>nextCursor</c> from the first page of <paramref name="url"/> (which has a query).</summary>
    public static async Task<List<T>> AllPagesAsync<T>(this HttpClient http, string url)
    {
        var items = new List<T>();
        string? cursor = null;
        do
        {
            var page = await http.GetAsync<PageView<T>>(url + (cursor is null ? "" : $"&cursor={cursor}"));
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);
        return items;
    }
}
