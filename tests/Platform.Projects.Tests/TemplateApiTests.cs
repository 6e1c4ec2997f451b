namespace Platform.Projects.Tests;

public sealed record TemplateSummaryView(string Key, int Version, string Name, bool Retired, int Phases, int Milestones, int Deliverables, int Risks,
    int Meetings, string? KitProfile, int Projects);

public sealed record TemplateVersionView(int Version, string CreatedBy, DateTimeOffset CreatedAt);

public sealed record TemplateDetailView(string Key, int Version, int LatestVersion, string Name, bool Retired, JsonElement Definition,
    IReadOnlyList<TemplateVersionView> Versions);

public sealed record ComplianceItemView(string Ref, string Kind, string? Phase, string Name, string Status, DateOnly? DueDate,
    IReadOnlyList<string> Entities, string? SkippedReason, string? SkippedBy);

public sealed record ComplianceCountsView(int Done, int OnTrack, int Late, int Skipped, int Missing, int Total, int? Percent);

public sealed record ComplianceDetailView(string ProjectKey, string? Template, int? Version, int? LatestVersion, ComplianceCountsView Counts,
    IReadOnlyList<ComplianceItemView> Items);

public sealed record PortfolioComplianceView(string ProjectKey, string? Template, int? Version, int? LatestVersion, ComplianceCountsView Counts);

public sealed record TemplatedProjectView(string Key, DateOnly? StartDate, string? Template, int? TemplateVersion, string? KitProfile);

public sealed record MilestoneItemView(Guid Id, string Name, DateOnly DueDate);

public sealed record DeliverableItemView(string Key, string Name, DateOnly? DueDate, IReadOnlyList<string> AcceptanceCriteria);

public sealed record RiskItemView(string Key, string Title, int Score, string? Mitigation);

public sealed record MeetingItemView(string Key, string Title, DateTimeOffset ScheduledAt, IReadOnlyList<string> Agenda);

/// <summary>
/// The PMO's standards through the API against real PostgreSQL and RabbitMQ: versioned templates, a project made from
/// one (milestones, deliverables, risks, meeting series, kit profile on its members' event), compliance (late, done,
/// skipped with a reason, missing, made later), a project adopting a standard, the portfolio view; and bad input.
/// </summary>
public class TemplateApiTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static object Definition(string name = "IT rollout", int weeklyOccurrences = 3) => new
    {
        name,
        description = "The company's standard for infrastructure rollouts.",
        phases = new object[]
        {
            new { name = "Plan", milestones = new object[]
            {
                new { @ref = "kickoff", name = "Kick-off", offsetDays = 0 },
                new { @ref = "design", name = "Design approved", offsetDays = 30, after = new[] { "kickoff" } },
            } },
            new { name = "Deliver", milestones = new object[] { new { @ref = "golive", name = "Go-live", offsetDays = 90, after = new[] { "design" } } } },
        },
        deliverables = new object[]
        {
            new { @ref = "charter", name = "Project charter", acceptanceCriteria = new[] { "Sponsor signed" }, milestone = "kickoff" },
            new { @ref = "runbook", name = "Operations runbook", description = "How to run it.", acceptanceCriteria = new[] { "Ops reviewed" }, offsetDays = 80 },
        },
        risks = new object[] { new { @ref = "vendor", title = "Vendor delivers late", probability = 3, impact = 4, mitigation = "Order early" } },
        meetings = new object[]
        {
            new { @ref = "weekly", title = "Weekly status", everyWeeks = 1, firstOffsetDays = 7, time = "10:00", occurrences = weeklyOccurrences,
                agenda = new[] { "Progress", "Risks" }, timeZone = "Asia/Tokyo" },
        },
        kitProfile = "standard-laptop",
    };

    private static string NewKey() => $"std-{Guid.NewGuid():N}"[..20];

    private async Task<string> PublishAsync(object? definition = null)
    {
        var key = NewKey();
        await (await fx.Http.PutAsJsonAsync($"/api/templates/{key}", definition ?? Definition(), Json.Options)).ReadAsync<TemplateDetailView>(HttpStatusCode.Created);
        return key;
    }

    [Fact]
    public async Task Templates_are_versioned_and_a_project_made_from_one_has_its_milestones_deliverables_risks_meetings_and_kit()
    {
        var key = await PublishAsync();
        var v2 = await (await fx.Http.PutAsJsonAsync($"/api/templates/{key}", Definition("IT rollout (2027)", 5), Json.Options))
            .ReadAsync<TemplateDetailView>(HttpStatusCode.Created);
        v2.Version.ShouldBe(2);
        v2.Versions.Select(v => v.Version).ShouldBe([1, 2]);
        (await fx.Http.GetAsync<TemplateDetailView>($"/api/templates/{key}?version=1")).Name.ShouldBe("IT rollout");
        var listed = (await fx.Http.GetAsync<List<TemplateSummaryView>>("/api/templates")).Single(t => t.Key == key);
        listed.ShouldBe(listed with { Version = 2, Name = "IT rollout (2027)", Phases = 2, Milestones = 3, Deliverables = 2, Risks = 1, Meetings = 1,
            KitProfile = "standard-laptop", Projects = 0 });

        var manager = $"pm-{Guid.NewGuid():N}";
        await fx.PeopleAsync(manager);
        var start = Today.AddDays(-10);
        var created = await fx.Http.PostJsonAsync("/api/projects", new
        {
            name = "Branch office rollout", manager, startDate = start.ToString("yyyy-MM-dd"), endDate = start.AddDays(120).ToString("yyyy-MM-dd"),
            template = key, templateVersion = 1,
        });
        var project = await created.ReadAsync<TemplatedProjectView>(HttpStatusCode.Created);
        project.ShouldBe(project with { Template = key, TemplateVersion = 1, KitProfile = "standard-laptop" });

        var milestones = await fx.Http.GetAsync<List<MilestoneItemView>>($"/api/projects/{project.Key}/milestones");
        milestones.Select(m => (m.Name, m.DueDate)).OrderBy(m => m.DueDate)
            .ShouldBe([("Kick-off", start), ("Design approved", start.AddDays(30)), ("Go-live", start.AddDays(90))]);
        var deliverables = await fx.Http.GetAsync<List<DeliverableItemView>>($"/api/projects/{project.Key}/deliverables");
        deliverables.Single(d => d.Name == "Project charter").DueDate.ShouldBe(start);
        deliverables.Single(d => d.Name == "Operations runbook").ShouldBe(deliverables.Single(d => d.Name == "Operations runbook") with
            { DueDate = start.AddDays(80) });
        deliverables.Single(d => d.Name == "Operations runbook").AcceptanceCriteria.ShouldBe(["Ops reviewed"]);
        var risk = (await fx.Http.GetAsync<PageView<RiskItemView>>($"/api/projects/{project.Key}/risks")).Items.ShouldHaveSingleItem();
        risk.ShouldBe(risk with { Title = "Vendor delivers late", Score = 12, Mitigation = "Order early" });
        var meetings = (await fx.Http.GetAsync<PageView<MeetingItemView>>($"/api/projects/{project.Key}/meetings")).Items.OrderBy(m => m.ScheduledAt).ToList();
        meetings.Count.ShouldBe(3); // version 1: three occurrences
        // 10:00 in Tokyo (UTC+9) is 01:00 UTC, weekly from a week after the start.
        meetings.Select(m => m.ScheduledAt).ShouldBe(Enumerable.Range(0, 3)
            .Select(i => new DateTimeOffset(start.AddDays(7 + 7 * i).ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero)));
        meetings[0].Agenda.ShouldBe(["Progress", "Risks"]);

        // The manager joined with the template's kit profile, for assets to kit them from it.
        var joined = await fx.Bus.WaitForAsync<ProjectMemberAdded>(m => m.ProjectKey == project.Key);
        joined.KitProfile.ShouldBe("standard-laptop");

        // Compliance: the kick-off and the charter were due at the start and are late; two weekly meetings are past
        // without minutes (late); the rest is on track; the risk is on the register.
        var compliance = await fx.Http.GetAsync<ComplianceDetailView>($"/api/projects/{project.Key}/compliance");
        compliance.ShouldBe(compliance with { Template = key, Version = 1, LatestVersion = 2 });
        compliance.Items.Select(i => (i.Ref, i.Kind, i.Status)).ShouldBe([
            ("kickoff", "Milestone", "Late"), ("design", "Milestone", "OnTrack"), ("golive", "Milestone", "OnTrack"),
            ("charter", "Deliverable", "Late"), ("runbook", "Deliverable", "OnTrack"), ("vendor", "Risk", "Done"), ("weekly", "Meeting", "Late")]);
        compliance.Items[0].Phase.ShouldBe("Plan");
        compliance.Items.Single(i => i.Ref == "charter").Phase.ShouldBe("Plan");
        compliance.Items.Single(i => i.Ref == "vendor").Entities.ShouldBe([risk.Key]);
        compliance.Counts.ShouldBe(new ComplianceCountsView(1, 3, 3, 0, 0, 7, 57));

        // The kick-off done; the weekly meetings' minutes recorded; the charter skipped with a reason.
        var kickoff = milestones.Single(m => m.Name == "Kick-off");
        (await fx.Http.PatchAsJsonAsync($"/api/projects/{project.Key}/milestones/{kickoff.Id}", new { completed = true }, Json.Options)).EnsureSuccessStatusCode();
        foreach (var m in meetings.Where(m => m.ScheduledAt < DateTimeOffset.UtcNow))
            (await fx.Http.PatchAsJsonAsync($"/api/projects/{project.Key}/meetings/{m.Key}", new { minutes = "Held." }, Json.Options)).EnsureSuccessStatusCode();
        using var pm = fx.As(manager, Roles.PsoStaff);
        var skipped = await (await pm.PutAsJsonAsync($"/api/projects/{project.Key}/compliance/charter/skip",
            new { reason = "The contract serves as the charter." }, Json.Options)).ReadAsync<ComplianceDetailView>();
        skipped.Items.Select(i => (i.Ref, i.Status)).ShouldBe([
            ("kickoff", "Done"), ("design", "OnTrack"), ("golive", "OnTrack"), ("charter", "Skipped"), ("runbook", "OnTrack"), ("vendor", "Done"),
            ("weekly", "OnTrack")]);
        skipped.Items.Single(i => i.Ref == "charter").ShouldBe(skipped.Items.Single(i => i.Ref == "charter") with
            { SkippedReason = "The contract serves as the charter.", SkippedBy = manager });
        skipped.Counts.Percent.ShouldBe(100);

        // Taking the skip back: late again; taking it back twice is refused.
        var unskipped = await (await pm.DeleteAsync($"/api/projects/{project.Key}/compliance/charter/skip")).ReadAsync<ComplianceDetailView>();
        unskipped.Items.Single(i => i.Ref == "charter").Status.ShouldBe("Late");
        await (await pm.DeleteAsync($"/api/projects/{project.Key}/compliance/charter/skip")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "not-skipped");
        (await pm.PostAsync($"/api/projects/{project.Key}/compliance/charter/instantiate", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The portfolio: the project, its template, the version it follows and the latest one.
        var row = (await fx.Http.GetAsync<List<PortfolioComplianceView>>("/api/portfolio/compliance")).Single(r => r.ProjectKey == project.Key);
        row.ShouldBe(row with { Template = key, Version = 1, LatestVersion = 2 });
        row.Counts.Late.ShouldBe(1);
        (await fx.Http.GetAsync<List<TemplateSummaryView>>("/api/templates")).Single(t => t.Key == key).Projects.ShouldBe(1);
    }

    [Fact]
    public async Task A_project_adopting_a_standard_links_what_it_has_by_name_and_makes_a_missing_item_on_request()
    {
        var key = await PublishAsync();
        var manager = $"pm-{Guid.NewGuid():N}";
        await fx.PeopleAsync(manager);
        var project = await fx.Http.CreateProjectAsync(new { name = "Legacy migration", manager, startDate = Today.ToString("yyyy-MM-dd") });
        (await fx.Http.PostJsonAsync($"/api/projects/{project.Key}/milestones", new { name = "kick-off ", dueDate = Today.AddDays(3).ToString("yyyy-MM-dd") }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var none = await fx.Http.GetAsync<ComplianceDetailView>($"/api/projects/{project.Key}/compliance");
        none.Template.ShouldBeNull();
        none.Items.ShouldBeEmpty();
        none.Counts.ShouldBe(new ComplianceCountsView(0, 0, 0, 0, 0, 0, null));

        using var pm = fx.As(manager, Roles.PsoStaff);
        var adopted = await (await pm.PutAsJsonAsync($"/api/projects/{project.Key}/template", new { template = key }, Json.Options))
            .ReadAsync<ComplianceDetailView>();
        adopted.Items.Select(i => (i.Ref, i.Status)).ShouldBe([
            ("kickoff", "OnTrack"), ("design", "Missing"), ("golive", "Missing"), ("charter", "Missing"), ("runbook", "Missing"), ("vendor", "Missing"),
            ("weekly", "Missing")]);
        (await fx.Http.GetAsync<List<MilestoneItemView>>($"/api/projects/{project.Key}/milestones")).Count.ShouldBe(1); // nothing made

        var made = await (await pm.PostAsync($"/api/projects/{project.Key}/compliance/runbook/instantiate", null)).ReadAsync<ComplianceDetailView>();
        var runbook = made.Items.Single(i => i.Ref == "runbook");
        runbook.ShouldBe(runbook with { Status = "OnTrack", DueDate = Today.AddDays(80) });
        runbook.Entities.ShouldHaveSingleItem().ShouldStartWith("DLV-");
        await (await pm.PostAsync($"/api/projects/{project.Key}/compliance/runbook/instantiate", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "item-present");
        await (await pm.PostAsync($"/api/projects/{project.Key}/compliance/nothing/instantiate", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // Following it again with instantiate makes the rest (the linked milestone and the runbook are not made twice).
        var all = await (await pm.PutAsJsonAsync($"/api/projects/{project.Key}/template", new { template = key, instantiate = true }, Json.Options))
            .ReadAsync<ComplianceDetailView>();
        all.Counts.Missing.ShouldBe(0);
        (await fx.Http.GetAsync<List<MilestoneItemView>>($"/api/projects/{project.Key}/milestones")).Count.ShouldBe(3);
        (await fx.Http.GetAsync<List<DeliverableItemView>>($"/api/projects/{project.Key}/deliverables")).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Bad_templates_and_bad_requests_get_problem_details()
    {
        static object Milestones(params object[] milestones) => new { name = "Broken", phases = new[] { new { name = "P", milestones } } };

        async Task Refused(object body, HttpStatusCode status, string codeOrField)
        {
            var response = await fx.Http.PutAsJsonAsync($"/api/templates/{NewKey()}", body, Json.Options);
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(status, text);
            text.ShouldContain(codeOrField);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        await Refused(Milestones(
            new { @ref = "a", name = "A", offsetDays = 10, after = new[] { "c" } },
            new { @ref = "b", name = "B", offsetDays = 10, after = new[] { "a" } },
            new { @ref = "c", name = "C", offsetDays = 10, after = new[] { "b" } }), HttpStatusCode.UnprocessableEntity, "milestone-cycle");
        await Refused(Milestones(new { @ref = "a", name = "A", offsetDays = 1, after = new[] { "a" } }), HttpStatusCode.UnprocessableEntity, "milestone-cycle");
        await Refused(Milestones(new { @ref = "a", name = "A", offsetDays = 1, after = new[] { "zz" } }), HttpStatusCode.UnprocessableEntity, "unknown-ref");
        await Refused(Milestones(new { @ref = "a", name = "A", offsetDays = 1 }, new { @ref = "a", name = "B", offsetDays = 2 }),
            HttpStatusCode.UnprocessableEntity, "duplicate-ref");
        await Refused(Milestones(new { @ref = "a", name = "A", offsetDays = 20 }, new { @ref = "b", name = "B", offsetDays = 5, after = new[] { "a" } }),
            HttpStatusCode.UnprocessableEntity, "milestone-order");
        await Refused(Milestones(new { @ref = "a b", name = "A", offsetDays = -1 }), HttpStatusCode.BadRequest, "phases[0].milestones[0].offsetDays");
        await Refused(new { name = "R", risks = new[] { new { @ref = "r", title = "T", probability = 9, impact = 1 } } }, HttpStatusCode.BadRequest, "risks[0].probability");
        await Refused(new { name = "M", meetings = new[] { new { @ref = "m", title = "T", time = "25:00", occurrences = 2, timeZone = "Mars/Base" } } },
            HttpStatusCode.BadRequest, "meetings[0].timeZone");
        await Refused(new { name = "\u0007bell" }, HttpStatusCode.BadRequest, "control character");
        (await fx.Http.PutAsJsonAsync("/api/templates/Bad Key", new { name = "x" }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Only PMO publishes; a retired template starts no project; an unknown one is 404.
        using var staff = fx.As("pso-someone", Roles.PsoStaff);
        (await staff.PutAsJsonAsync($"/api/templates/{NewKey()}", Definition(), Json.Options)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var key = await PublishAsync();
        (await staff.DeleteAsync($"/api/templates/{key}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fx.Http.DeleteAsync($"/api/templates/{key}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fx.Http.GetAsync<List<TemplateSummaryView>>("/api/templates")).ShouldNotContain(t => t.Key == key);
        (await fx.Http.GetAsync<List<TemplateSummaryView>>("/api/templates?includeRetired=true")).Single(t => t.Key == key).Retired.ShouldBeTrue();
        await fx.PeopleAsync("pm-templ");
        await (await fx.Http.PostJsonAsync("/api/projects", new { name = "X", manager = "pm-templ", template = key }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "template-retired");
        (await fx.Http.PostJsonAsync("/api/projects", new { name = "X", manager = "pm-templ", template = "no-such-template" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fx.Http.PostJsonAsync("/api/projects", new { name = "X", manager = "pm-templ", templateVersion = 1 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fx.Http.PutAsJsonAsync($"/api/templates/{key}", Definition(), Json.Options)).StatusCode.ShouldBe(HttpStatusCode.Created); // in use again
        var reinstated = await fx.Http.PostJsonAsync("/api/projects", new { name = "X", manager = "pm-templ", template = key, templateVersion = 9 });
        reinstated.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Skipping needs a reason, and the project's manager or PMO.
        var project = await fx.Http.CreateProjectAsync(new { name = "Y", manager = "pm-templ", template = key });
        (await fx.Http.PutAsJsonAsync($"/api/projects/{project.Key}/compliance/vendor/skip", new { reason = " " }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staff.PutAsJsonAsync($"/api/projects/{project.Key}/compliance/vendor/skip", new { reason = "no" }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fx.Http.PutAsJsonAsync($"/api/projects/{project.Key}/compliance/nothing/skip", new { reason = "no" }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
