namespace Platform.Projects.Tests;

public class ScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Project Project = Project.Create(1, "Office move", "", "pm", null, null, Now);
    private static long _number;

    private static ProjectTask Task(decimal estimate, int percent, DateOnly? start = null, DateOnly? due = null)
    {
        var task = ProjectTask.Plan(Interlocked.Increment(ref _number), Project, null, "t", null, start, due, estimate, Now);
        task.Progress(percent, [], Now);
        return task;
    }

    [Fact]
    public void Progress_is_weighted_by_estimate()
    {
        // 10 h at 100 % and 30 h at 0 %: a quarter done, not half.
        Schedule.RollUp([Task(10, 100), Task(30, 0)], Today).Actual.ShouldBe(25);
        Schedule.RollUp([Task(10, 50), Task(30, 50), Task(0, 0)], Today).Actual.ShouldBe(50);
        Schedule.RollUp([Task(10, 50), Task(30, 50)], Today).EstimateHours.ShouldBe(40);
    }

    [Fact]
    public void Without_estimates_tasks_count_equally_and_no_tasks_is_zero()
    {
        Schedule.RollUp([Task(0, 100), Task(0, 0), Task(0, 50)], Today).Actual.ShouldBe(50);
        Schedule.RollUp([], Today).ShouldBe(new ProgressFigures(0, 0, 0));
    }

    [Fact]
    public void Planned_progress_follows_the_calendar_and_variance_is_actual_minus_planned()
    {
        var halfway = Task(8, 20, Today.AddDays(-5), Today.AddDays(5));
        Schedule.PlannedPercent(halfway, Today).ShouldBe(50);
        Schedule.PlannedPercent(halfway, Today.AddDays(-6)).ShouldBe(0);
        Schedule.PlannedPercent(halfway, Today.AddDays(5)).ShouldBe(100);
        Schedule.PlannedPercent(Task(8, 30), Today).ShouldBe(30); // undated: no variance

        var late = Task(8, 0, Today.AddDays(-10), Today.AddDays(-1));
        var figures = Schedule.RollUp([halfway, late], Today);
        figures.Actual.ShouldBe(10);
        figures.Planned.ShouldBe(75);
        figures.Variance.ShouldBe(-65);
    }

    [Fact]
    public void Dependency_cycles_are_detected_through_any_path()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();
        (Guid, Guid)[] edges = [(b, a), (c, b)]; // b waits for a, c waits for b
        Schedule.WouldCycle(edges, a, c).ShouldBeTrue();  // a waiting for c closes a → c → b → a
        Schedule.WouldCycle(edges, a, b).ShouldBeTrue();
        Schedule.WouldCycle(edges, c, a).ShouldBeFalse(); // redundant, not circular
        Schedule.WouldCycle(edges, d, c).ShouldBeFalse();
        Schedule.WouldCycle(edges, a, a).ShouldBeTrue();
    }

    [Fact]
    public void Finish_to_start_holds_work_until_predecessors_finish()
    {
        var first = Task(5, 40);
        var second = Task(5, 0);
        second.DependOn(first, []);
        Should.Throw<DomainException>(() => second.Progress(10, [first], Now)).Code.ShouldBe("predecessor-not-finished");
        first.Progress(100, [], Now);
        second.Progress(10, [first], Now);
        second.PercentDone.ShouldBe(10);
        Should.Throw<DomainException>(() => first.DependOn(second, [(second.Id, first.Id)])).Code.ShouldBe("dependency-cycle");
    }

    [Fact]
    public void A_milestone_is_overdue_past_its_due_date_until_completed_and_announced_once()
    {
        var milestone = Milestone.Plan(Project, "Go-live", Today.AddDays(-1), Now);
        milestone.IsOverdue(Today).ShouldBeTrue();
        milestone.IsOverdue(Today.AddDays(-1)).ShouldBeFalse();
        milestone.MarkOverdue(40, Now);
        milestone.MarkOverdue(40, Now);
        milestone.OverdueRaisedAt.ShouldBe(Now);
        milestone.Update(null, null, completed: true, Now);
        milestone.IsOverdue(Today).ShouldBeFalse();
    }
}
