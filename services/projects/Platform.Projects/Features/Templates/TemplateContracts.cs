namespace Platform.Projects.Features;

/// <summary>A new version of a template: what its projects get. Every list may be empty.</summary>
public sealed record PublishTemplateRequest(
    string? Name, string? Description, IReadOnlyList<PhaseRequest?>? Phases, IReadOnlyList<DeliverableItemRequest?>? Deliverables,
    IReadOnlyList<RiskItemRequest?>? Risks, IReadOnlyList<MeetingSeriesRequest?>? Meetings, string? KitProfile);

public sealed record PhaseRequest(string? Name, IReadOnlyList<MilestoneItemRequest?>? Milestones);

public sealed record MilestoneItemRequest(string? Ref, string? Name, int? OffsetDays, IReadOnlyList<string?>? After);

public sealed record DeliverableItemRequest(string? Ref, string? Name, string? Description, IReadOnlyList<string?>? AcceptanceCriteria,
    string? Milestone, int? OffsetDays);

public sealed record RiskItemRequest(string? Ref, string? Title, string? Description, int? Probability, int? Impact, string? Mitigation);

public sealed record MeetingSeriesRequest(string? Ref, string? Title, int? EveryWeeks, int? FirstOffsetDays, string? Time, int? Occurrences,
    IReadOnlyList<string?>? Agenda, string? TimeZone);

public sealed record TemplateSummary(
    string Key, int Version, string Name, string Description, bool Retired, int Phases, int Milestones, int Deliverables, int Risks,
    int Meetings, string? KitProfile, int Projects, DateTimeOffset UpdatedAt);

public sealed record TemplateVersionInfo(int Version, string CreatedBy, DateTimeOffset CreatedAt);

public sealed record TemplateView(
    string Key, int Version, int LatestVersion, string Name, string Description, bool Retired, TemplateDefinition Definition,
    string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<TemplateVersionInfo> Versions);

/// <summary>A project follows a template from now on: <c>version</c> absent takes the latest.</summary>
public sealed record FollowTemplateRequest(string? Template, int? Version, bool? Instantiate);

public sealed record SkipItemRequest(string? Reason);

/// <summary>Where a project stands against one standard item; <c>Entities</c> are the keys (or ids) of what stands for it.</summary>
public sealed record ComplianceItem(
    string Ref, StandardItemKind Kind, string? Phase, string Name, ComplianceStatus Status, DateOnly? DueDate,
    IReadOnlyList<string> Entities, string? SkippedReason, string? SkippedBy, DateTimeOffset? SkippedAt);

public sealed record ComplianceCounts(int Done, int OnTrack, int Late, int Skipped, int Missing)
{
    public int Total => Done + OnTrack + Late + Skipped + Missing;

    /// <summary>The share of items the project keeps (done, on track, or skipped with a reason), 0–100; null without items.</summary>
    public int? Percent => Total == 0 ? null : (int)Math.Round(100.0 * (Done + OnTrack + Skipped) / Total, MidpointRounding.AwayFromZero);

    public static ComplianceCounts Of(IEnumerable<ComplianceStatus> statuses)
    {
        var list = statuses.ToList();
        return new(list.Count(s => s == ComplianceStatus.Done), list.Count(s => s == ComplianceStatus.OnTrack),
            list.Count(s => s == ComplianceStatus.Late), list.Count(s => s == ComplianceStatus.Skipped), list.Count(s => s == ComplianceStatus.Missing));
    }
}

public sealed record ComplianceView(
    string ProjectKey, string? Template, int? Version, int? LatestVersion, string? TemplateName, DateOnly AsOf, ComplianceCounts Counts,
    IReadOnlyList<ComplianceItem> Items);

public sealed record PortfolioComplianceRow(
    string ProjectKey, string Name, string Manager, string? Template, int? Version, int? LatestVersion, ComplianceCounts Counts);
