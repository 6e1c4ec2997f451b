namespace Platform.Projects.Domain;

/// <summary>A project in the company's portfolio (PRJ-7).</summary>
public sealed class Project : NumberedEntity
{
    public const string KeyPrefix = "PRJ-";
    public const string ManagerRole = "manager";

    private readonly List<ProjectMember> _members = [];

    private Project() { }

    protected override string KeyPrefixOfType => KeyPrefix;

    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string Manager { get; private set; } = "";
    public DateOnly? StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }

    /// <summary>The portfolio's own code for the project (finance, reporting), optional.</summary>
    public string? Code { get; private set; }

    /// <summary>Who sponsors the project (a user id); told of its escalations.</summary>
    public string? Sponsor { get; private set; }

    public ProjectPhase Phase { get; private set; } = ProjectPhase.Initiation;
    public decimal? Budget { get; private set; }

    /// <summary>The ISO 4217 currency of its budget and costs ("JPY"); fixed once it holds money.</summary>
    public string Currency { get; private set; } = DefaultCurrency;

    /// <summary>The currency a project gets when created without one (Projects:DefaultCurrency may say another).</summary>
    public const string DefaultCurrency = "JPY";

    /// <summary>A PMO analyst's verdict replacing the computed health, with their comment (null: none).</summary>
    public HealthStatus? HealthOverride { get; private set; }
    public string? HealthOverrideComment { get; private set; }
    public string? HealthOverrideBy { get; private set; }
    public DateTimeOffset? HealthOverrideAt { get; private set; }
    /// <summary>The PMO standard (template key and version) the project follows, if any.</summary>
    public string? TemplateKey { get; private set; }
    public int? TemplateVersion { get; private set; }

    /// <summary>The kit profile (assets) its members get, named by its template; null: assets chooses as usual.</summary>
    public string? KitProfile { get; private set; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Who belongs to the project (load with Include when you need it).</summary>
    public IReadOnlyList<ProjectMember> Members => _members;

    public static Project Create(
        long number, string name, string description, string manager, DateOnly? start, DateOnly? end, DateTimeOffset now,
        ProjectTemplate? template = null, string? kitProfile = null)
    {
        var project = new Project
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            Name = name,
            Description = description,
            Manager = manager,
            StartDate = start,
            EndDate = end,
            CreatedAt = now,
            UpdatedAt = now,
            TemplateKey = template?.Key,
            TemplateVersion = template?.Version,
            KitProfile = kitProfile,
        };
        project.Raise(new ProjectCreated(project.Id, project.Key, name, manager, now));
        project.AddMember(manager, ManagerRole, now);
        return project;
    }

    /// <summary>Follows a PMO standard from now on (a project started without one, or moving to a newer version).</summary>
    public void FollowStandard(ProjectTemplate template, string? kitProfile, DateTimeOffset now)
    {
        TemplateKey = template.Key;
        TemplateVersion = template.Version;
        KitProfile = kitProfile;
        UpdatedAt = now;
    }

    public bool IsManagedBy(string userId) => Manager == userId;

    /// <summary>Sets the portfolio fields; null leaves a field as it is.</summary>
    public void Describe(string? code, string? sponsor, ProjectPhase? phase, decimal? budget, DateTimeOffset now)
    {
        if (code is not null) Code = code.Length == 0 ? null : code;
        if (sponsor is not null) Sponsor = sponsor.Length == 0 ? null : sponsor;
        if (phase is not null) Phase = phase.Value;
        if (budget is not null)
        {
            if (budget < 0) throw new DomainException("negative-budget", "A budget cannot be negative.");
            Budget = budget;
        }

        UpdatedAt = now;
    }

    /// <summary>Sets the currency its money is kept in; the caller has checked that it holds no money yet.</summary>
    public void KeepMoneyIn(string currency, DateTimeOffset now)
    {
        if (!Money.IsCurrency(currency)) throw new DomainException("invalid-currency", $"'{currency}' is not an ISO 4217 currency code.");
        Currency = currency;
        UpdatedAt = now;
    }

    /// <summary>
    /// Hands the project to another manager (say, when its manager left): they join it as a member in the manager's
    /// role when they are not one yet; the previous manager stays a member, and may now be taken off.
    /// </summary>
    public void NameManager(string userId, DateTimeOffset now)
    {
        if (userId == Manager) return;
        if (_members.All(m => m.UserId != userId)) AddMember(userId, ManagerRole, now);
        Manager = userId;
        UpdatedAt = now;
    }

    public void OverrideHealth(HealthStatus health, string comment, string by, DateTimeOffset now)
    {
        HealthOverride = health;
        HealthOverrideComment = comment;
        HealthOverrideBy = by;
        HealthOverrideAt = now;
        UpdatedAt = now;
    }

    public void ClearHealthOverride(DateTimeOffset now)
    {
        HealthOverride = null;
        HealthOverrideComment = null;
        HealthOverrideBy = null;
        HealthOverrideAt = null;
        UpdatedAt = now;
    }

    /// <summary>The people an escalation on this project must reach by name: its manager and its sponsor.</summary>
    public IReadOnlyList<string> EscalationContacts() =>
        new[] { Manager, Sponsor }.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u!).Distinct().ToList();

    public ProjectMember AddMember(string userId, string role, DateTimeOffset now)
    {
        if (_members.Any(m => m.UserId == userId))
            throw new DomainException("already-member", $"{userId} is already a member of {Key}.");
        var member = new ProjectMember { ProjectId = Id, UserId = userId, Role = role, AddedAt = now };
        _members.Add(member);
        UpdatedAt = now;
        Raise(new ProjectMemberAdded(Id, Key, userId, role, now, KitProfile));
        return member;
    }

    public void RemoveMember(string userId, DateTimeOffset now)
    {
        var member = _members.FirstOrDefault(m => m.UserId == userId)
            ?? throw new DomainException("not-a-member", $"{userId} is not a member of {Key}.");
        if (userId == Manager) throw new DomainException("manager-stays", $"{userId} manages {Key}; name another manager first.");
        _members.Remove(member);
        UpdatedAt = now;
        Raise(new ProjectMemberRemoved(Id, Key, userId, now));
    }
}

public enum ProjectPhase { Initiation, Planning, Execution, Closing, Closed }

/// <summary>A person on a project, with their role there (manager, member, pso…).</summary>
public sealed class ProjectMember
{
    public Guid ProjectId { get; init; }
    public required string UserId { get; init; }
    public required string Role { get; init; }
    public DateTimeOffset AddedAt { get; init; }
}
