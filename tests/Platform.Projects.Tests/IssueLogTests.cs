namespace Platform.Projects.Tests;

public class IssueDueDateTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void An_open_issue_past_its_due_date_is_overdue_and_a_resolved_one_is_not()
    {
        var project = Project.Create(1, "Move", "", "carol", null, null, DateTimeOffset.UtcNow);
        var issue = ProjectIssue.Open(1, project, "Cabling late", "", IssueSeverity.High, "dave", null, null, DateTimeOffset.UtcNow, Today.AddDays(-1));
        issue.IsOverdue(Today).ShouldBeTrue();
        issue.IsOverdue(Today.AddDays(-1)).ShouldBeFalse(); // due today is not late yet
        issue.Apply(IssueAction.Resolve, "Done", "dave", DateTimeOffset.UtcNow);
        issue.IsOverdue(Today).ShouldBeFalse();
        var undated = ProjectIssue.Open(2, project, "No date", "", IssueSeverity.Low, null, null, null, DateTimeOffset.UtcNow);
        undated.IsOverdue(Today.AddYears(5)).ShouldBeFalse();
    }
}

public class IssueLogApiTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    [Fact]
    public async Task Issues_carry_owner_and_due_date_and_the_log_lists_the_overdue_ones()
    {
        await fx.PeopleAsync("dave", "erin");
        var project = (await fx.Http.CreateProjectAsync(new { name = "Office move", manager = "carol" })).Key;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var late = await fx.Http.PostJsonAsync($"/api/projects/{project}/issues", new
        {
            title = "Badge readers not delivered", severity = "High", owner = "dave", dueDate = today.AddDays(-2),
        });
        late.StatusCode.ShouldBe(HttpStatusCode.Created, await late.Content.ReadAsStringAsync());
        var lateIssue = await late.ReadJsonAsync();
        lateIssue.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        lateIssue.Str("dueDate").ShouldBe(today.AddDays(-2).ToString("yyyy-MM-dd"));
        var onTime = await (await fx.Http.PostJsonAsync($"/api/projects/{project}/issues", new
        {
            title = "Desk plan", severity = "Low", dueDate = today.AddDays(10),
        })).ReadJsonAsync();
        onTime.GetProperty("overdue").GetBoolean().ShouldBeFalse();

        var overdue = await (await fx.Http.GetAsync($"/api/projects/{project}/issues?overdue=true")).ReadJsonAsync();
        overdue.GetProperty("items").EnumerateArray().Select(i => i.Str("key")).ShouldBe([lateIssue.Str("key")]);

        // Re-triage: a new date takes it off the overdue list; severity and owner change; bad input is refused.
        var moved = await fx.Http.PatchJsonAsync($"/api/projects/{project}/issues/{lateIssue.Str("key")}",
            new { dueDate = today.AddDays(3), severity = "Critical", owner = "erin" });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        var after = await moved.ReadJsonAsync();
        (after.Str("severity"), after.Str("owner"), after.GetProperty("overdue").GetBoolean()).ShouldBe(("Critical", "erin", false));
        (await (await fx.Http.GetAsync($"/api/projects/{project}/issues?overdue=true")).ReadJsonAsync())
            .GetProperty("items").GetArrayLength().ShouldBe(0);
        var cleared = await (await fx.Http.PatchJsonAsync($"/api/projects/{project}/issues/{lateIssue.Str("key")}", new { clearDueDate = true })).ReadJsonAsync();
        cleared.GetProperty("dueDate").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await fx.Http.PatchJsonAsync($"/api/projects/{project}/issues/{lateIssue.Str("key")}", new { severity = "Apocalyptic" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fx.Http.PatchJsonAsync($"/api/projects/{project}/issues/{lateIssue.Str("key")}", new { title = "  " }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fx.Http.PatchJsonAsync($"/api/projects/{project}/issues/ISS-999999", new { owner = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var outsider = fx.As("mallory", "pso-staff");
        (await outsider.PatchJsonAsync($"/api/projects/{project}/issues/{lateIssue.Str("key")}", new { owner = "mallory" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
