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
}
