using Platform.Contracts.Ticketing;
using Microsoft.AspNetCore.Hosting;

namespace Platform.Projects.Tests;

/// <summary>Each rule raises exactly one escalation event, however often it is triggered.</summary>
public class EscalationTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    private HttpClient Http => fx.Http;

    /// <summary>A project of <paramref name="manager"/> sponsored by <paramref name="sponsor"/>; "pm" (the risks' owner) is known too.</summary>
    private async Task<ProjectView> CreateProjectAsync(string manager = "pm", string sponsor = "sponsor-sam")
    {
        await fx.PeopleAsync(manager, sponsor, "pm");
        return await Http.CreateProjectAsync(new { name = "ERP rollout", manager, sponsor, code = "FIN-22", phase = "Planning", budget = 250000m });
    }

    private async Task<JsonElement> CreateRiskAsync(string project, int probability, int impact, HttpClient? client = null)
    {
        var response = await (client ?? Http).PostJsonAsync($"/api/projects/{project}/risks",
            new { title = "Key supplier goes bust", probability, impact, owner = "pm", mitigation = "Second supplier", trigger = "Late deliveries" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private IReadOnlyList<ProjectEscalationRaised> Raised(string projectKey) =>
        fx.Bus.Messages<ProjectEscalationRaised>().Where(e => e.ProjectKey == projectKey).ToList();

    [Fact]
    public async Task A_risk_crossing_the_threshold_raises_one_escalation_however_often_it_is_rescored()
    {
        var project = await CreateProjectAsync();
        var key = project.Key;
        var risk = await CreateRiskAsync(key, 2, 3);
        risk.GetProperty("score").GetInt32().ShouldBe(6);
        var url = $"/api/projects/{key}/risks/{risk.Str("key")}";

        var rescored = await Http.PatchAsync(url, JsonContent(new { probability = 4, impact = 4 }));
        rescored.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await rescored.ReadJsonAsync()).GetProperty("level").GetString().ShouldBe("High");
        var raised = await fx.Bus.WaitForAsync<ProjectEscalationRaised>(e => e.ProjectKey == key);
        raised.Rule.ShouldBe("RiskScore");
        raised.SourceType.ShouldBe("Risk");
        raised.SourceKey.ShouldBe(risk.Str("key"));
        raised.NotifyRoles.ShouldBe([Roles.PmoAnalyst]);
        raised.NotifyUsers.ShouldBe(["pm", "sponsor-sam"], ignoreOrder: true);
        raised.Reason.ShouldContain("16");

        // Still over the threshold, up again, and concurrently: no second escalation while the first is open.
        (await Http.PatchAsync(url, JsonContent(new { probability = 5 }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Http.PatchAsync(url, JsonContent(new { probability = 2 }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Http.PatchAsync(url, JsonContent(new { probability = 5 }))));
        again.ShouldContain(r => r.StatusCode == HttpStatusCode.OK);
        again.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);

        var history = (await (await Http.GetAsync(url)).ReadJsonAsync()).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("score").GetInt32()).ToList();
        history.Take(4).ShouldBe([6, 16, 20, 8]);
        history.Last().ShouldBe(20);
        await Task.Delay(1500);
        Raised(key).Count.ShouldBe(1);
        var listed = await (await Http.GetAsync($"/api/projects/{key}/escalations")).ReadJsonAsync();
        listed.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_risk_born_over_the_threshold_is_escalated_and_after_resolution_may_be_again()
    {
        var key = (await CreateProjectAsync()).Key;
        var risk = await CreateRiskAsync(key, 5, 3);
        var first = await fx.Bus.WaitForAsync<ProjectEscalationRaised>(e => e.ProjectKey == key);
        first.Severity.ShouldBe("High");

        (await Http.PostJsonAsync($"/api/escalations/{first.EscalationKey}/transitions", new { action = "Resolve", note = "Second supplier signed" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var url = $"/api/projects/{key}/risks/{risk.Str("key")}";
        (await Http.PatchAsync(url, JsonContent(new { probability = 5, impact = 5 }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Task.Delay(1000);
        Raised(key).Count.ShouldBe(1); // still over the threshold, no new crossing

        (await Http.PatchAsync(url, JsonContent(new { probability = 1 }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Http.PatchAsync(url, JsonContent(new { probability = 4 }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await fx.Bus.WaitForAsync<ProjectEscalationRaised>(e => e.ProjectKey == key && e.EscalationId != first.EscalationId);
        second.Severity.ShouldBe("Critical");
        await Task.Delay(1000);
        Raised(key).Count.ShouldBe(2);
    }

    [Fact]
    public async Task The_threshold_comes_from_configuration()
    {
        await using var strict = fx.Service.WithWebHostBuilder(b => b.UseSetting("Projects:RiskEscalationThreshold", "10"));
        using var client = strict.CreateClient();
        client.DefaultRequestHeaders.Authorization = Http.DefaultRequestHeaders.Authorization;
        var key = (await CreateProjectAsync()).Key;
        await CreateRiskAsync(key, 3, 3, client);
        await CreateRiskAsync(key, 3, 4, client);
        var raised = await fx.Bus.WaitForAsync<ProjectEscalationRaised>(e => e.ProjectKey == key);
        raised.Reason.ShouldContain("threshold of 10");
        await CreateRiskAsync(key, 3, 4); // the default threshold (15) is not reached
        await Task.Delay(1000);
        Raised(key).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_P1_ticket_born_issue_raises_one_escalation_even_when_the_promotion_is_redelivered()
    {
        var project = await CreateProjectAsync();
        var key = project.Key;
        var promotion = new TicketPromotedToProject(Guid.NewGuid(), "HD-77", project.Id, key,
            "Payroll down", "Nobody gets paid", "P1", "alice", "bob", DateTimeOffset.UtcNow);
        await Task.WhenAll(fx.Bus.PublishAsync(promotion, Guid.NewGuid()), fx.Bus.PublishAsync(promotion, Guid.NewGuid()),
            fx.Bus.PublishAsync(promotion, Guid.NewGuid()));

        var raised = await fx.Bus.WaitForAsync<ProjectEscalationRaised>(e => e.ProjectKey == key);
        raised.Rule.ShouldBe("CriticalTicketIssue");
        raised.Severity.ShouldBe("Critical");
        raised.SourceType.ShouldBe("Issue");
        raised.RaisedBy.ShouldBe("system");
        await Task.Delay(1500);
        Raised(key).Count.ShouldBe(1);

        var p3 = promotion with { TicketId = Guid.NewGuid(), TicketKey = "HD-78", Priority = "P3" };
        await fx.Bus.PublishAsync(p3, Guid.NewGuid());
        await fx.Bus.WaitForAsync<ProjectIssueCreated>(e => e.SourceTicketId == p3.TicketId);
        await Task.Delay(1000);
        Raised(key).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Members_escalate_by_hand_once_and_PMO_acknowledges_and_resolves_with_history()
    {
        var manager = $"pm-{Guid.NewGuid():N}";
        var key = (await CreateProjectAsync(manager)).Key;
        using var pm = fx.As(manager, Roles.PsoStaff);
        var issue = await (await pm.PostJsonAsync($"/api/projects/{key}/issues", new { title = "Vendor unresponsive", severity = "High" })).ReadJsonAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => pm.PostJsonAsync($"/api/projects/{key}/escalations",
            new { sourceType = "Issue", source = issue.Str("key"), reason = "Blocks go-live" })));
        attempts.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        attempts.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(4);
        var conflict = await attempts.First(r => r.StatusCode == HttpStatusCode.Conflict).ReadJsonAsync();
        conflict.Str("code").ShouldBeOneOf("already-escalated");

        var raised = await fx.Bus.WaitForAsync<ProjectEscalationRaised>(e => e.ProjectKey == key);
        raised.Rule.ShouldBe("Manual");
        raised.Severity.ShouldBe("High");
        raised.RaisedBy.ShouldBe(manager);
        raised.NotifyUsers.ShouldContain(manager);
        var url = $"/api/escalations/{raised.EscalationKey}";

        (await pm.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await pm.PostJsonAsync($"{url}/transitions", new { action = "Acknowledge" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var outsider = fx.As($"x-{Guid.NewGuid():N}", Roles.PsoStaff);
        (await outsider.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.PostJsonAsync($"/api/projects/{key}/escalations", new { sourceType = "Issue", source = issue.Str("key"), reason = "r" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var mine = await (await outsider.GetAsync("/api/escalations?limit=200")).ReadJsonAsync();
        mine.GetProperty("items").EnumerateArray().ShouldNotContain(e => e.Str("projectKey") == key);

        (await Http.PostJsonAsync($"{url}/transitions", new { action = "Acknowledge", note = "On it" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fx.Bus.WaitForAsync<ProjectEscalationAcknowledged>(e => e.EscalationId == raised.EscalationId)).AcknowledgedBy.ShouldBe("carol");
        var resolved = await (await Http.PostJsonAsync($"{url}/transitions", new { action = "Resolve", note = "Vendor replaced" })).ReadJsonAsync();
        resolved.Str("status").ShouldBe("Resolved");
        resolved.GetProperty("history").EnumerateArray().Select(h => h.Str("action")).ShouldBe(["Raised", "Acknowledged", "Resolved"]);
        (await fx.Bus.WaitForAsync<ProjectEscalationResolved>(e => e.EscalationId == raised.EscalationId)).Resolution.ShouldBe("Vendor replaced");
        var refused = await Http.PostJsonAsync($"{url}/transitions", new { action = "Acknowledge" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.ReadJsonAsync()).Str("code").ShouldBe("invalid-transition");

        // Resolved: the same issue may be escalated again.
        (await pm.PostJsonAsync($"/api/projects/{key}/escalations", new { sourceType = "Issue", source = issue.Str("key"), reason = "Again", severity = "Critical" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var open = await (await Http.GetAsync($"/api/escalations?project={key}&status=Open")).ReadJsonAsync();
        open.GetProperty("items").EnumerateArray().Select(e => e.Str("severity")).ShouldBe(["Critical"]);
    }

    [Fact]
    public async Task Bad_input_answers_problem_details()
    {
        var key = (await CreateProjectAsync()).Key;
        var risks = $"/api/projects/{key}/risks";
        var bad = await Http.PostJsonAsync(risks, new { title = "t", probability = 6, impact = 0 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        errors.TryGetProperty("probability", out _).ShouldBeTrue();
        errors.TryGetProperty("impact", out _).ShouldBeTrue();
        (await Http.PostJsonAsync(risks, new { probability = 2, impact = 2 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PatchAsync($"{risks}/RSK-999999", JsonContent(new { probability = 2 }))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.PostRawAsync(risks, """{"title": "t", "probability": "high", "impact": 2}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var escalations = $"/api/projects/{key}/escalations";
        (await Http.PostJsonAsync(escalations, new { sourceType = "Milestone", source = "x", reason = "r" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PostJsonAsync(escalations, new { sourceType = "Issue", source = "ISS-999999", reason = "r" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.PostJsonAsync(escalations, new { sourceType = "Issue", source = "ISS-1" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetAsync("/api/escalations/ESC-999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.GetAsync("/api/escalations/nonsense")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.PostJsonAsync("/api/escalations/ESC-999999/transitions", new { action = "Resolve" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.GetAsync("/api/escalations?status=Sleeping")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PatchAsync($"/api/projects/{key}", JsonContent(new { budget = -1 }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var patched = await (await Http.PatchAsync($"/api/projects/{key}", JsonContent(new { phase = "Execution", sponsor = "" }))).ReadJsonAsync();
        patched.Str("phase").ShouldBe("Execution");
        patched.GetProperty("sponsor").ValueKind.ShouldBe(JsonValueKind.Null);
        patched.Str("code").ShouldBe("FIN-22");
    }

    private static HttpContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body, options: Json.Options);
}
