namespace Platform.Projects.Domain;

/// <summary>A weekly status report (SR-7) of a project, kept as generated: the content is a JSON snapshot.</summary>
public sealed class StatusReport : ProjectRecord
{
    public const string KeyPrefix = "SR-";

    private StatusReport() { }

    private StatusReport(long number, Project project) : base(number, project) { }

    protected override string KeyPrefixOfType => KeyPrefix;

    public int IsoYear { get; private init; }
    public int IsoWeek { get; private init; }
    public DateOnly WeekStart { get; private init; }
    public string Content { get; private init; } = "{}";
    public string GeneratedBy { get; private init; } = "";
    public DateTimeOffset GeneratedAt { get; private init; }

    public string Week => $"{IsoYear}-W{IsoWeek:00}";

    public static StatusReport Snapshot(long number, Project project, int isoYear, int isoWeek, DateOnly weekStart, string content,
        string by, DateTimeOffset now) => new(number, project)
    {
        IsoYear = isoYear, IsoWeek = isoWeek,
        WeekStart = weekStart, Content = content, GeneratedBy = by, GeneratedAt = now,
    };
}
