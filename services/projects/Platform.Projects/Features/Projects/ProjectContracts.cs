namespace Platform.Projects.Features;

public sealed record CreateProjectRequest(
    string? Name, string? Description, string? Manager, DateOnly? StartDate, DateOnly? EndDate,
    string? Code = null, string? Sponsor = null, ProjectPhase? Phase = null, decimal? Budget = null, string? Currency = null,
    string? Template = null, int? TemplateVersion = null);

/// <summary>
/// Portfolio fields of a project; absent fields stay, an empty string clears code or sponsor. <see cref="Manager"/>
/// hands the project to someone else (it cannot be cleared).
/// </summary>
public sealed record UpdateProjectRequest(string? Code, string? Sponsor, ProjectPhase? Phase, decimal? Budget, string? Manager = null, string? Currency = null);

public sealed record ProjectResponse(
    Guid Id, string Key, string Name, string Description, string Manager, DateOnly? StartDate, DateOnly? EndDate,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Code, string? Sponsor, ProjectPhase Phase, decimal? Budget, string Currency,
    string? Template, int? TemplateVersion, string? KitProfile)
{
    public static ProjectResponse From(Project p) =>
        new(p.Id, p.Key, p.Name, p.Description, p.Manager, p.StartDate, p.EndDate, p.CreatedAt, p.UpdatedAt, p.Code, p.Sponsor, p.Phase, p.Budget, p.Currency,
            p.TemplateKey, p.TemplateVersion, p.KitProfile);
}

public sealed record AddMemberRequest(string? UserId, string? Role);

public sealed record MemberResponse(string UserId, string Role, DateTimeOffset AddedAt)
{
    public static MemberResponse From(ProjectMember m) => new(m.UserId, m.Role, m.AddedAt);
}
