namespace Platform.Projects.Tests;

public class HealthRulesTests
{
    private static HealthInputs Calm => new(0, 0, [], 15, 0, 0, 0, 0, 0);

    [Fact]
    public void A_calm_project_is_green_without_reasons()
    {
        var health = HealthRules.Assess(Calm with { ActiveRiskScores = [14, 6], ScheduleVariance = -9, OpenIssues = 9 });
        health.Health.ShouldBe(HealthStatus.Green);
        health.Reasons.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(-10, HealthStatus.Amber)]
    [InlineData(-19, HealthStatus.Amber)]
    [InlineData(-20, HealthStatus.Red)]
    [InlineData(15, HealthStatus.Green)]
    public void Schedule_variance_sets_the_level(int variance, HealthStatus expected) =>
        HealthRules.Assess(Calm with { ScheduleVariance = variance }).Health.ShouldBe(expected);

    [Fact]
    public void Each_area_contributes_and_the_worst_wins_with_every_reason_listed()
    {
        HealthRules.Assess(Calm with { OverdueMilestones = 1 }).Health.ShouldBe(HealthStatus.Amber);
        HealthRules.Assess(Calm with { OverdueMilestones = 2 }).Health.ShouldBe(HealthStatus.Red);
        HealthRules.Assess(Calm with { ActiveRiskScores = [15] }).Health.ShouldBe(HealthStatus.Amber);
        HealthRules.Assess(Calm with { ActiveRiskScores = [15, 16, 15] }).Health.ShouldBe(HealthStatus.Red);
        HealthRules.Assess(Calm with { ActiveRiskScores = [20] }).Health.ShouldBe(HealthStatus.Red);
        HealthRules.Assess(Calm with { ActiveRiskScores = [12], RiskThreshold = 12 }).Health.ShouldBe(HealthStatus.Amber);
        HealthRules.Assess(Calm with { OpenHighIssues = 1, OpenIssues = 1 }).Health.ShouldBe(HealthStatus.Amber);
        HealthRules.Assess(Calm with { OpenIssues = 10 }).Health.ShouldBe(HealthStatus.Amber);
        HealthRules.Assess(Calm with { OpenCriticalIssues = 1, OpenIssues = 1 }).Health.ShouldBe(HealthStatus.Red);
        HealthRules.Assess(Calm with { OpenEscalations = 1 }).Health.ShouldBe(HealthStatus.Amber);
        HealthRules.Assess(Calm with { OpenEscalations = 1, OpenCriticalEscalations = 1 }).Health.ShouldBe(HealthStatus.Red);

        var mixed = HealthRules.Assess(Calm with { ScheduleVariance = -12, OpenCriticalIssues = 2, OpenIssues = 2, OpenEscalations = 1 });
        mixed.Health.ShouldBe(HealthStatus.Red);
        mixed.Reasons.Select(r => (r.Level, r.Area)).ShouldBe([(HealthStatus.Red, "issues"), (HealthStatus.Amber, "schedule"), (HealthStatus.Amber, "escalations")]);
        mixed.Reasons[1].Text.ShouldContain("12 points behind plan");
    }
}
