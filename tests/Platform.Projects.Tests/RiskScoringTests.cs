using Platform.Contracts.Projects;
namespace Platform.Projects.Tests;

public class RiskScoringTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1, 1, "Low")]
    [InlineData(2, 3, 6, "Low")]
    [InlineData(2, 4, 8, "Medium")]
    [InlineData(3, 5, 15, "High")]
    [InlineData(5, 5, 25, "High")]
    public void Score_is_probability_times_impact(int probability, int impact, int score, string level)
    {
        RiskScoring.Score(probability, impact).ShouldBe(score);
        RiskScoring.Level(score).ShouldBe(level);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(6, 3)]
    [InlineData(3, 0)]
    [InlineData(3, 6)]
    public void Factors_outside_one_to_five_are_refused(int probability, int impact) =>
        Should.Throw<ArgumentOutOfRangeException>(() => RiskScoring.Score(probability, impact));

    [Theory]
    [InlineData(null, 15, true)]
    [InlineData(null, 14, false)]
    [InlineData(12, 15, true)]
    [InlineData(15, 16, false)]
    [InlineData(16, 12, false)]
    public void Only_an_upward_crossing_of_the_threshold_counts(int? previous, int current, bool crosses) =>
        RiskScoring.Crosses(previous, current, 15).ShouldBe(crosses);

    [Fact]
    public void Rescoring_keeps_the_history_and_announces_changes_only()
    {
        var project = Project.Create(1, "Office move", "", "pm", null, null, Now);
        var risk = Risk.Identify(4, project, "Supplier fails", "", 2, 3, "pm", null, null, "pm", Now);
        risk.Score.ShouldBe(6);
        risk.Rescore(2, 3, "pm", Now.AddHours(1)).ShouldBe(6);
        risk.Rescore(4, 4, "pmo", Now.AddHours(2)).ShouldBe(6);
        risk.Score.ShouldBe(16);
        risk.History.Select(h => (h.Score, h.ChangedBy)).ShouldBe([(6, "pm"), (16, "pmo")]);
    }

    [Fact]
    public void A_move_to_another_cell_of_the_same_score_is_recorded_and_announced()
    {
        var project = Project.Create(1, "Office move", "", "pm", null, null, Now);
        var risk = Risk.Identify(4, project, "Supplier fails", "", 3, 4, "pm", null, null, "pm", Now);
        Raised(risk).OfType<ProjectRiskScoreChanged>().ShouldHaveSingleItem();
        risk.Rescore(4, 3, "pmo", Now.AddHours(1)).ShouldBe(12);
        (risk.Probability, risk.Impact, risk.Score).ShouldBe((4, 3, 12));
        risk.History.Select(h => (h.Probability, h.Impact, h.Score)).ShouldBe([(3, 4, 12), (4, 3, 12)]);
        // The move is announced (the portal's heat maps move it live); the same cell again is not.
        Raised(risk).ShouldHaveSingleItem().ShouldBeOfType<ProjectRiskScoreChanged>().PreviousScore.ShouldBe(12);
        risk.Rescore(4, 3, "pmo", Now.AddHours(2));
        Raised(risk).ShouldBeEmpty();
    }

    /// <summary>The events the aggregate raised since the last call (what SaveChanges moves into the outbox).</summary>
    private static IReadOnlyList<Platform.Contracts.IIntegrationEvent> Raised(Platform.Messaging.Outbox.AggregateRoot root) =>
        (IReadOnlyList<Platform.Contracts.IIntegrationEvent>)typeof(Platform.Messaging.Outbox.AggregateRoot)
            .GetMethod("DequeueEvents", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .Invoke(root, null)!;
}
