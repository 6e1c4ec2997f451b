namespace Platform.Projects.Domain;

/// <summary>A project meeting (MTG-4): agenda, attendees, minutes, decisions; its action items are tracked tasks.</summary>
public sealed class Meeting : ProjectRecord
{
    public const string KeyPrefix = "MTG-";
    private readonly List<MeetingDecision> _decisions = [];

    private Meeting() { }

    private Meeting(long number, Project project) : base(number, project) { }

    protected override string KeyPrefixOfType => KeyPrefix;

    public string Title { get; private set; } = "";
    public DateTimeOffset ScheduledAt { get; private set; }
    public List<string> Attendees { get; private set; } = [];
    public List<string> Agenda { get; private set; } = [];
    public string? Minutes { get; private set; }
    public string CreatedBy { get; private init; } = "";
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<MeetingDecision> Decisions => _decisions;

    public static Meeting Schedule(long number, Project project, string title, DateTimeOffset at, IReadOnlyList<string> attendees,
        IReadOnlyList<string> agenda, string by, DateTimeOffset now) => new(number, project)
    {
        Title = title, ScheduledAt = at,
        Attendees = [.. attendees.Distinct()], Agenda = [.. agenda], CreatedBy = by, CreatedAt = now, UpdatedAt = now,
    };

    public void Update(string? title, DateTimeOffset? at, IReadOnlyList<string>? attendees, IReadOnlyList<string>? agenda, string? minutes, DateTimeOffset now)
    {
        if (title is not null) Title = title;
        if (at is not null) ScheduledAt = at.Value;
        if (attendees is not null) Attendees = [.. attendees.Distinct()];
        if (agenda is not null) Agenda = [.. agenda];
        if (minutes is not null) Minutes = minutes;
        UpdatedAt = now;
    }

    public MeetingDecision Decide(string text, string by, DateTimeOffset now)
    {
        var decision = new MeetingDecision { MeetingId = Id, Text = text, RecordedBy = by, RecordedAt = now };
        _decisions.Add(decision);
        UpdatedAt = now;
        return decision;
    }
}

public sealed class MeetingDecision
{
    public long Id { get; init; }
    public Guid MeetingId { get; init; }
    public required string Text { get; init; }
    public required string RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}
