using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Outbox;
using Platform.Projects.Data;
using Platform.Projects.Features;

namespace Platform.Projects.Tests;

/// <summary>Two writers that both pass the "is one open?" check: the unique index keeps one, the other's work still commits.</summary>
public class EscalationRaceTests(ProjectsFixture fx) : IClassFixture<ProjectsFixture>
{
    [Fact]
    public async Task Racing_raisers_of_one_condition_leave_one_escalation_and_one_event_and_keep_their_other_work()
    {
        await fx.PeopleAsync("pm");
        var created = await fx.Http.PostJsonAsync("/api/projects", new { name = "Race", manager = "pm" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var projectId = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        var sourceId = Guid.NewGuid().ToString();

        await using var scopeA = fx.Service.Services.CreateAsyncScope();
        await using var scopeB = fx.Service.Services.CreateAsyncScope();
        var a = scopeA.ServiceProvider.GetRequiredService<ProjectsDbContext>();
        var b = scopeB.ServiceProvider.GetRequiredService<ProjectsDbContext>();
        var now = DateTimeOffset.UtcNow;

        async Task<Escalation?> Raise(ProjectsDbContext db)
        {
            var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId);
            var risk = Risk.Identify(await db.NextNumberAsync(Sequences.Risks, default), project, "side work", "", 1, 1, null, null, null, "test", now);
            db.Risks.Add(risk);
            return await Escalator.TryRaiseAsync(db, project, EscalationRule.RiskScore, EscalationSource.Risk, sourceId, null,
                EscalationSeverity.High, "race", "test", now, default);
        }

        // Both check before either saves: both believe the condition is new.
        (await Raise(a)).ShouldNotBeNull();
        (await Raise(b)).ShouldNotBeNull();
        (await a.SaveChangesRaisingAsync(default)).Count.ShouldBe(1);
        (await b.SaveChangesRaisingAsync(default)).Count.ShouldBe(0);

        var check = scopeA.ServiceProvider.GetRequiredService<ProjectsDbContext>();
        (await check.Escalations.CountAsync(e => e.SourceId == sourceId)).ShouldBe(1);
        (await check.Risks.CountAsync(r => r.ProjectId == projectId && r.Title == "side work")).ShouldBe(2);
        var raisedType = typeof(ProjectEscalationRaised).FullName!;
        (await check.Set<OutboxMessage>().Where(m => m.Type == raisedType).Select(m => m.Body).ToListAsync()).Count(body => body.Contains(sourceId)).ShouldBe(1);
        await fx.Bus.WaitForAsync<ProjectEscalationRaised>(e => e.SourceId == sourceId);
        await Task.Delay(1000);
        fx.Bus.Messages<ProjectEscalationRaised>().Count(e => e.SourceId == sourceId).ShouldBe(1);
    }

    [Fact]
    public async Task A_status_report_needs_no_body()
    {
        await fx.PeopleAsync("pm");
        var key = (await fx.Http.CreateProjectAsync(new { name = "Quiet", manager = "pm" })).Key;
        var response = await fx.Http.PostAsync($"/api/projects/{key}/status-reports", null);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync()).GetProperty("report").Str("health").ShouldBe("Green");
        (await fx.Http.GetAsync("/api/escalations?project=PRJ-999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
