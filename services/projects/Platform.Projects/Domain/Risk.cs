namespace Platform.Projects.Domain;

public enum RiskStatus { Open, Mitigating, Occurred, Closed }

/// <summary>Risk scoring: probability (1–5) × impact (1–5) = score (1–25).</summary>
public static class RiskScoring
{
    public const int Min = 1;
    public const int Max = 5;
    public const int DefaultEscalationThreshold = 15;

    public static bool IsValidFactor(int? value) => value is >= Min and <= Max;

    public static int Score(int probability, int impact)
    {
        if (!IsValidFactor(probability)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "Probability is 1–5.");
        if (!IsValidFactor(impact)) throw new ArgumentOutOfRangeException(nameof(impact), impact, "Impact is 1–5.");
        return probability * impact;
    }

    /// <summary>Low (1–7), Medium (8–14), High (15–25).</summary>
    public static string Level(int score) => score >= 15 ? "High" : score >= 8 ? "Medium" : "Low";

    /// <summary>Whether a change of score crosses the threshold upwards (a new risk counts as coming from nothing).</summary>
    public static bool Crosses(int? previous, int current, int threshold) =>
        current >= threshold && (previous is null || previous < threshold);
}

/// <summary>An entry of a project's risk register (RSK-4), with the history of its score.</summary>
public sealed class Risk : ProjectRecord
{
    public const string KeyPrefix = "RSK-";
    private readonly List<RiskScoreEntry> _history = [];

    private Risk() { }

    private Risk(long number, Project project) : base(number, project) { }

    protected override string KeyPrefixOfType => KeyPrefix;

    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int Probability { get; private set; }
    public int Impact { get; private set; }
    public int Score { get; private set; }
    public string? Owner { get; private set; }
    public string? Mitigation { get; private set; }
    public string? Trigger { get; private set; }
    public RiskStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<RiskScoreEntry> History => _history;

    public bool IsActive => Status is RiskStatus.Open or RiskStatus.Mitigating;

    public static Risk Identify(long number, Project project, string title, string description, int probability, int impact,
        string? owner, string? mitigation, string? trigger, string by, DateTimeOffset now)
    {
        var risk = new Risk(number, project)
        {
            Title = title,
            Description = description,
            Owner = owner,
            Mitigation = mitigation,
            Trigger = trigger,
            Status = RiskStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
        };
        risk.Rescore(probability, impact, by, now);
        return risk;
    }

    /// <summary>
    /// Sets probability and impact; when either changes (a move on the 5 × 5 grid, even to another cell of the same
    /// score) records it in the history and announces it. Returns the previous score.
    /// </summary>
    public int? Rescore(int probability, int impact, string by, DateTimeOffset now)
    {
        var score = RiskScoring.Score(probability, impact);
        int? previous = _history.Count == 0 ? null : Score;
        var moved = _history.Count == 0 || probability != Probability || impact != Impact;
        Probability = probability;
        Impact = impact;
        UpdatedAt = now;
        if (!moved) return previous;
        Score = score;
        _history.Add(new RiskScoreEntry { RiskId = Id, At = now, Probability = probability, Impact = impact, Score = score, ChangedBy = by });
        Raise(new ProjectRiskScoreChanged(Id, Key, ProjectId, ProjectKey, previous, score, by, now));
        return previous;
    }

    public void Update(string? title, string? description, string? owner, string? mitigation, string? trigger, RiskStatus? status, DateTimeOffset now)
    {
        if (title is not null) Title = title;
        if (description is not null) Description = description;
        if (owner is not null) Owner = owner.Length == 0 ? null : owner;
        if (mitigation is not null) Mitigation = mitigation.Length == 0 ? null : mitigation;
        if (trigger is not null) Trigger = trigger.Length == 0 ? null : trigger;
        if (status is not null) Status = status.Value;
        UpdatedAt = now;
    }
}

/// <summary>One score a risk had, from when, set by whom.</summary>
public sealed class RiskScoreEntry
{
    public long Id { get; init; }
    public Guid RiskId { get; init; }
    public DateTimeOffset At { get; init; }
    public int Probability { get; init; }
    public int Impact { get; init; }
    public int Score { get; init; }
    public required string ChangedBy { get; init; }
}
