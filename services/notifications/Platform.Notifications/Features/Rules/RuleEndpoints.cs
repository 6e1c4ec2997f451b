namespace Platform.Notifications.Features.Rules;

/// <summary>
/// A rule: events (types with filters) → people (roles, named users, relations to the event) → channels.
/// Relations: ProjectManager, ProjectSponsor, Requester, Assignee, TeamLead, EventRecipients, AffectedUser.
/// </summary>
public sealed record RuleRequest(
    string? Name, List<string>? EventTypes, FiltersRequest? Filters, List<string>? Roles, List<string>? Users,
    List<Relation>? Relations, List<Channel>? Channels, bool? Enabled);

public sealed record RuleResponse(
    Guid Id, string Name, IReadOnlyList<string> EventTypes, Filters Filters, IReadOnlyList<string> Roles, IReadOnlyList<string> Users,
    IReadOnlyList<string> Relations, IReadOnlyList<string> Channels, bool Enabled, bool BuiltIn, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static RuleResponse From(NotificationRule r) => new(r.Id, r.Name, r.EventTypes, r.Filters, r.Roles, r.Users, r.Relations, r.Channels,
        r.Enabled, r.BuiltIn, r.CreatedAt, r.UpdatedAt);
}

/// <summary>Notification rules: admins and integration clients read them; admins change them.</summary>
public static class RuleEndpoints
{
    internal static async Task<Ok<List<RuleResponse>>> List(NotificationsDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Rules.AsNoTracking().OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct)).Select(RuleResponse.From).ToList());

    internal static async Task<Results<Ok<RuleResponse>, ProblemHttpResult>> Get(string id, NotificationsDbContext db, CancellationToken ct)
    {
        var rule = Guid.TryParse(id, out var key) ? await db.Rules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == key, ct) : null;
        return rule is null ? Problems.NotFound("Rule", id) : TypedResults.Ok(RuleResponse.From(rule));
    }

    private static (Validator, List<string>) Validate(RuleRequest request)
    {
        var v = new Validator().Required("name", request.Name);
        var types = EventTypeList.Validate(v, "eventTypes", request.EventTypes);
        FiltersRequest.Validate(v, request.Filters);
        v.Check((request.Roles?.Count ?? 0) + (request.Users?.Count ?? 0) + (request.Relations?.Count ?? 0) > 0, "roles",
                "Name at least one recipient: 'roles', 'users' or 'relations'.")
            .Check(request.Roles is null || request.Roles.All(r => !string.IsNullOrWhiteSpace(r) && r.Length <= 50), "roles", "Roles are names of at most 50 characters.")
            .People("users", request.Users)
            .Check(request.Relations is null || request.Relations.All(Enum.IsDefined), "relations", $"'relations' take: {string.Join(", ", Enum.GetNames<Relation>())}.")
            .Check(request.Channels is { Count: > 0 } && request.Channels.All(Enum.IsDefined), "channels", $"'channels' needs one or more of: {string.Join(", ", Enum.GetNames<Channel>())}.");
        return (v, types);
    }

    private static void Apply(NotificationRule rule, RuleRequest request, List<string> types, DateTimeOffset now)
    {
        rule.Name = request.Name!.Trim();
        rule.EventTypes = types;
        rule.Filters = request.Filters?.ToFilters() ?? Filters.None;
        rule.Roles = (request.Roles ?? []).Select(r => r.Trim()).Distinct().ToList();
        rule.Users = Trimmed(request.Users).Distinct().ToList();
        rule.Relations = (request.Relations ?? []).Distinct().Select(r => r.ToString()).ToList();
        rule.Channels = request.Channels!.Distinct().Select(c => c.ToString()).ToList();
        rule.Enabled = request.Enabled ?? true;
        rule.UpdatedAt = now;
    }

    /// <summary>The people a rule names, as it keeps them (each must be an active person of the directory: 422 unknown-person).</summary>
    private static IEnumerable<string> Trimmed(List<string>? users) => (users ?? []).Select(u => u.Trim());

    internal static async Task<Results<Created<RuleResponse>, ValidationProblem, ProblemHttpResult>> Create(
        RuleRequest request, NotificationsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (!Caller.Of(http).IsIn(Roles.Admin)) return Problems.Forbidden("Only admins change notification rules.");
        var (v, types) = Validate(request);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (await db.CheckPeopleAsync("users", Trimmed(request.Users), ct) is { } unknown) return unknown;
        var now = clock.GetUtcNow();
        var rule = new NotificationRule { Id = Guid.CreateVersion7(), Name = "", CreatedAt = now };
        Apply(rule, request, types, now);
        return await db.CreatedAsync(rule, r => $"/api/notification-rules/{r.Id}", RuleResponse.From, ct);
    }

    internal static async Task<Results<Ok<RuleResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string id, RuleRequest request, NotificationsDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (!Caller.Of(http).IsIn(Roles.Admin)) return Problems.Forbidden("Only admins change notification rules.");
        var rule = Guid.TryParse(id, out var key) ? await db.Rules.FirstOrDefaultAsync(r => r.Id == key, ct) : null;
        if (rule is null) return Problems.NotFound("Rule", id);
        var (v, types) = Validate(request);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (await db.CheckPeopleAsync("users", Trimmed(request.Users), ct) is { } unknown) return unknown;
        Apply(rule, request, types, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RuleResponse.From(rule));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, NotificationsDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!Caller.Of(http).IsIn(Roles.Admin)) return Problems.Forbidden("Only admins change notification rules.");
        var deleted = Guid.TryParse(id, out var key) ? await db.Rules.Where(r => r.Id == key).ExecuteDeleteAsync(ct) : 0;
        // A bulk delete passes no interceptor: the cached rules of every replica are dropped here.
        if (deleted > 0) await Platform.Data.Reference.ReferenceNotice.SendAsync<FanOutReference>(db, ct);
        return deleted == 0 ? Problems.NotFound("Rule", id) : TypedResults.NoContent();
    }
}
