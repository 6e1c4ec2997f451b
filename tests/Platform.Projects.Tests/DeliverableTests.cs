namespace Platform.Projects.Tests;

public class DeliverableWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Deliverable New(params string[] criteria) =>
        Deliverable.Define(1, Project.Create(1, "p", "", "pm", null, null, Now), "Runbook", "", criteria, null, null, Now);

    [Fact]
    public void Review_goes_draft_in_review_rejected_with_reason_resubmitted_accepted()
    {
        var d = New("Covers fail-over");
        d.Apply(DeliverableAction.Submit, null, "dev", Now);
        d.Status.ShouldBe(DeliverableStatus.InReview);
        Should.Throw<DomainException>(() => d.Apply(DeliverableAction.Reject, " ", "pm", Now)).Code.ShouldBe("reason-required");
        d.Apply(DeliverableAction.Reject, "No restore test", "pm", Now);
        d.Status.ShouldBe(DeliverableStatus.Rejected);
        d.RejectionReason.ShouldBe("No restore test");
        d.Apply(DeliverableAction.Submit, null, "dev", Now);
        d.Apply(DeliverableAction.Accept, null, "pm", Now);
        d.Status.ShouldBe(DeliverableStatus.Accepted);
        d.RejectionReason.ShouldBeNull();
        d.Reviews.Select(r => r.Action).ShouldBe(["Submit", "Reject", "Submit", "Accept"]);
        Should.Throw<DomainException>(() => d.Apply(DeliverableAction.Reject, "late", "pm", Now)).Code.ShouldBe("invalid-transition");
        Should.Throw<DomainException>(() => d.Edit(null, null, ["changed"], null, null, Now)).Code.ShouldBe("under-review");
    }

    [Fact]
    public void Nothing_is_reviewed_without_acceptance_criteria() =>
        Should.Throw<DomainException>(() => New().Apply(DeliverableAction.Submit, null, "dev", Now)).Code.ShouldBe("no-acceptance-criteria");
}

public class DeliverableApiTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    [Fact]
    public async Task Members_submit_and_the_manager_or_PMO_review()
    {
        var manager = $"pm-{Guid.NewGuid():N}";
        var dev = $"dev-{Guid.NewGuid():N}";
        await fx.PeopleAsync(manager, dev);
        var key = (await fx.Http.CreateProjectAsync(new { name = "DR site", manager })).Key;
        await fx.Http.PostJsonAsync($"/api/projects/{key}/members", new { userId = dev, role = "member" });
        using var member = fx.As(dev, Roles.PsoStaff);
        using var pm = fx.As(manager, Roles.PsoStaff);

        var created = await member.PostJsonAsync($"/api/projects/{key}/deliverables",
            new { name = "Fail-over runbook", acceptanceCriteria = new[] { "Covers DB fail-over", "Tested once" }, owner = dev });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var url = $"/api/projects/{key}/deliverables/{(await created.ReadJsonAsync()).Str("key")}";
        (await member.PostJsonAsync($"{url}/transitions", new { action = "Submit" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.PostJsonAsync($"{url}/transitions", new { action = "Accept" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await pm.PostJsonAsync($"{url}/transitions", new { action = "Reject" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rejected = await (await pm.PostJsonAsync($"{url}/transitions", new { action = "Reject", reason = "Not tested" })).ReadJsonAsync();
        rejected.Str("status").ShouldBe("Rejected");
        rejected.Str("rejectionReason").ShouldBe("Not tested");
        (await member.PatchAsJsonAsync(url, new { acceptanceCriteria = new[] { "Covers DB fail-over", "Tested twice" } }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.PostJsonAsync($"{url}/transitions", new { action = "Submit" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.PatchAsJsonAsync(url, new { acceptanceCriteria = new[] { "x" } }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var accepted = await (await fx.Http.PostJsonAsync($"{url}/transitions", new { action = "Accept" })).ReadJsonAsync();
        accepted.Str("status").ShouldBe("Accepted");
        accepted.GetProperty("acceptanceCriteria").EnumerateArray().Select(c => c.GetString()).ShouldBe(["Covers DB fail-over", "Tested twice"]);
        accepted.GetProperty("reviews").EnumerateArray().Select(r => r.Str("action")).ShouldBe(["Submit", "Reject", "Submit", "Accept"]);

        var list = await (await member.GetAsync($"/api/projects/{key}/deliverables?status=Accepted")).ReadJsonAsync();
        list.GetArrayLength().ShouldBe(1);
        (await member.PostJsonAsync($"/api/projects/{key}/deliverables", new { name = "x", acceptanceCriteria = new[] { "" } })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await member.GetAsync($"/api/projects/{key}/deliverables/DLV-999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var stranger = fx.As("stranger", Roles.PsoStaff);
        (await stranger.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
