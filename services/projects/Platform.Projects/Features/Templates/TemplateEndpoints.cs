using System.Globalization;

namespace Platform.Projects.Features;

/// <summary>
/// The PMO's standards: project templates (versioned; PMO publishes and retires them, everyone reads them), a project
/// following one, and its compliance (what of the standard it keeps, skips with a reason, is late with, or misses).
/// </summary>
public static class TemplateEndpoints
{
    private const string PmoOnly = "Only PMO analysts publish and retire project templates.";
    private const string ManagersOnly = "Only PMO analysts and the project's manager decide what of the standard a project follows.";

    internal static async Task<Ok<IReadOnlyList<TemplateSummary>>> List(ProjectsDbContext db, CancellationToken ct, bool includeRetired = false)
    {
        var latest = await db.Templates.AsNoTracking()
            .Where(t => t.Version == db.Templates.Where(o => o.Key == t.Key).Max(o => o.Version))
            .OrderBy(t => t.Name).ThenBy(t => t.Key).ToListAsync(ct);
        var used = await db.Projects.Where(p => p.TemplateKey != null).GroupBy(p => p.TemplateKey!)
            .Select(g => new { Key = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return TypedResults.Ok<IReadOnlyList<TemplateSummary>>(latest.Where(t => includeRetired || t.RetiredAt is null).Select(t =>
        {
            var d = t.Read();
            return new TemplateSummary(t.Key, t.Version, t.Name, t.Description, t.RetiredAt is not null, d.Phases.Count, d.Milestones.Count(),
                d.Deliverables.Count, d.Risks.Count, d.Meetings.Count, d.KitProfile, used.GetValueOrDefault(t.Key), t.CreatedAt);
        }).ToList());
    }

    internal static async Task<Results<Ok<TemplateView>, ProblemHttpResult>> Get(string key, ProjectsDbContext db, CancellationToken ct, int? version = null)
    {
        var versions = await db.Templates.AsNoTracking().Where(t => t.Key == key).OrderBy(t => t.Version).ToListAsync(ct);
        var chosen = version is null ? versions.LastOrDefault() : versions.FirstOrDefault(t => t.Version == version);
        if (chosen is null) return Problems.NotFound("Template", version is null ? key : $"{key} v{version}");
        return TypedResults.Ok(View(chosen, versions));
    }

    private static TemplateView View(ProjectTemplate t, IReadOnlyList<ProjectTemplate> versions) =>
        new(t.Key, t.Version, versions[^1].Version, t.Name, t.Description, versions[^1].RetiredAt is not null, t.Read(), t.CreatedBy, t.CreatedAt,
            versions.Select(v => new TemplateVersionInfo(v.Version, v.CreatedBy, v.CreatedAt)).ToList());

    /// <summary>Publishes the next version of a template (the first makes it); a retired template published anew is in use again.</summary>
    internal static async Task<Results<Created<TemplateView>, ValidationProblem, ProblemHttpResult>> Publish(
        string key, PublishTemplateRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Check(ProjectTemplate.IsKey(key), "key",
            "A template's key is 2–50 lower-case letters, digits and dashes, not starting or ending with a dash.");
        var definition = Read(request, v);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (TemplateRules.Problem(definition) is { } broken) return Problems.Unprocessable(broken.Code, broken.Detail);
        var caller = Caller.Of(http);
        if (!caller.ManagesProjects) return Problems.Forbidden(PmoOnly);

        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        await db.LockAsync("template:" + key, ct); // two publishers take the next two versions, not the same one
        var last = await db.Templates.Where(t => t.Key == key).MaxAsync(t => (int?)t.Version, ct) ?? 0;
        var template = ProjectTemplate.Publish(key, last + 1, request.Name!.Trim(), request.Description?.Trim() ?? "", definition, caller.Id, clock.GetUtcNow());
        db.Templates.Add(template);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var versions = await db.Templates.AsNoTracking().Where(t => t.Key == key).OrderBy(t => t.Version).ToListAsync(ct);
        return TypedResults.Created($"/api/templates/{key}?version={template.Version}", View(template, versions));
    }

    /// <summary>Retires a template: no new project starts from it; projects following it keep it.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> Retire(string key, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!Caller.Of(http).ManagesProjects) return Problems.Forbidden(PmoOnly);
        var versions = await db.Templates.Where(t => t.Key == key).ToListAsync(ct);
        if (versions.Count == 0) return Problems.NotFound("Template", key);
        var now = clock.GetUtcNow();
        foreach (var t in versions) t.Retire(now);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The template version a new project or a project's follow request names: 404 unknown, 409 retired.</summary>
    internal static async Task<(ProjectTemplate? Template, ProblemHttpResult? Problem)> ChooseAsync(ProjectsDbContext db, string key, int? version, CancellationToken ct)
    {
        var versions = await db.Templates.AsNoTracking().Where(t => t.Key == key).OrderBy(t => t.Version).ToListAsync(ct);
        if (versions.Count == 0) return (null, Problems.NotFound("Template", key));
        if (versions[^1].RetiredAt is not null) return (null, Problems.Conflict("template-retired", $"The template '{key}' is retired; no project starts from it."));
        var chosen = version is null ? versions[^1] : versions.FirstOrDefault(t => t.Version == version);
        return chosen is null ? (null, Problems.NotFound("Template", $"{key} v{version}")) : (chosen, null);
    }

    /// <summary>A project follows a template from now on: its items are linked to what it has by name, and made when asked.</summary>
    internal static async Task<Results<Ok<ComplianceView>, ValidationProblem, ProblemHttpResult>> Follow(
        string project, FollowTemplateRequest request, ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options,
        HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("template", request.Template, Lengths.Key).Check(request.Version is null or > 0, "version", "'version' is 1 or more.");
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct, withMembers: true, tracking: true);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.Manages(found)) return Problems.Forbidden(ManagersOnly);
        var (template, problem) = await ChooseAsync(db, request.Template!.Trim(), request.Version, ct);
        if (problem is not null) return problem;

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        await db.LockProjectAsync(found.Id, ct);
        var definition = template!.Read();
        found.FollowStandard(template, definition.KitProfile, now);
        await StandardWork.ApplyAsync(db, found, definition, request.Instantiate == true, caller.Id, now, options.Value, ct);
        await db.SaveChangesRaisingAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await StandardWork.ComplianceAsync(db, found, clock.Today(), now, ct));
    }

    internal static async Task<Results<Ok<ComplianceView>, ProblemHttpResult>> Compliance(
        string project, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var found = await db.FindProjectAsync(project, Caller.Of(http), ct);
        if (found is null) return Problems.NotFound("Project", project);
        return TypedResults.Ok(await StandardWork.ComplianceAsync(db, found, clock.Today(), clock.GetUtcNow(), ct));
    }

    /// <summary>Skips a standard item, saying why (a skip is compliant); the reason is kept with who and when.</summary>
    internal static async Task<Results<Ok<ComplianceView>, ValidationProblem, ProblemHttpResult>> Skip(
        string project, string item, SkipItemRequest request, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required("reason", request.Reason, Lengths.Comment);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        return await OnItemAsync(project, item, db, clock, http, (row, caller, now) =>
        {
            row.Skip(request.Reason!.Trim(), caller.Id, now);
            return Task.FromResult<ProblemHttpResult?>(null);
        }, ct);
    }

    internal static Task<Results<Ok<ComplianceView>, ValidationProblem, ProblemHttpResult>> Unskip(
        string project, string item, ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        OnItemAsync(project, item, db, clock, http, (row, _, _) =>
        {
            if (row.SkippedReason is null) return Task.FromResult<ProblemHttpResult?>(Problems.Conflict("not-skipped", $"'{item}' is not skipped."));
            row.Unskip();
            return Task.FromResult<ProblemHttpResult?>(null);
        }, ct);

    /// <summary>Makes a missing standard item now, with its dates from the project's start.</summary>
    internal static Task<Results<Ok<ComplianceView>, ValidationProblem, ProblemHttpResult>> Instantiate(
        string project, string item, ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options, HttpContext http, CancellationToken ct) =>
        OnItemAsync(project, item, db, clock, http, async (row, caller, now) =>
        {
            if (row.SkippedReason is not null) return Problems.Conflict("item-skipped", $"'{item}' is skipped; take the skip back first.");
            var found = await db.Projects.SingleAsync(p => p.Id == row.ProjectId, ct);
            var template = await db.Templates.AsNoTracking().SingleAsync(t => t.Key == found.TemplateKey && t.Version == found.TemplateVersion, ct);
            if (row.EntityIds.Count > 0 && await StillThereAsync(db, row, ct))
                return Problems.Conflict("item-present", $"'{item}' is already in the project.");
            row.EntityIds = [];
            await StandardWork.ApplyAsync(db, found, template.Read(), make: true, caller.Id, now, options.Value, ct, only: item);
            return null;
        }, ct);

    private static async Task<bool> StillThereAsync(ProjectsDbContext db, ProjectStandardItem row, CancellationToken ct) =>
        await db.Milestones.AnyAsync(m => row.EntityIds.Contains(m.Id), ct) || await db.Deliverables.AnyAsync(d => row.EntityIds.Contains(d.Id), ct)
        || await db.Risks.AnyAsync(r => row.EntityIds.Contains(r.Id), ct) || await db.Meetings.AnyAsync(m => row.EntityIds.Contains(m.Id), ct);

    private static async Task<Results<Ok<ComplianceView>, ValidationProblem, ProblemHttpResult>> OnItemAsync(
        string project, string item, ProjectsDbContext db, TimeProvider clock, HttpContext http,
        Func<ProjectStandardItem, Caller, DateTimeOffset, Task<ProblemHttpResult?>> change, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var found = await db.FindProjectAsync(project, caller, ct);
        if (found is null) return Problems.NotFound("Project", project);
        if (!caller.Manages(found)) return Problems.Forbidden(ManagersOnly);
        if (found.TemplateKey is null) return Problems.NotFound("Standard item", item);
        var template = await db.Templates.AsNoTracking().SingleAsync(t => t.Key == found.TemplateKey && t.Version == found.TemplateVersion, ct);
        var standard = template.Read().Items().FirstOrDefault(i => i.Ref == item);
        if (standard.Ref is null) return Problems.NotFound("Standard item", item);

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        await db.LockProjectAsync(found.Id, ct);
        var row = await db.StandardItems.FirstOrDefaultAsync(i => i.ProjectId == found.Id && i.Ref == item, ct);
        if (row is null)
        {
            db.StandardItems.Add(row = new ProjectStandardItem { ProjectId = found.Id, Ref = item, Kind = standard.Kind });
            await db.SaveChangesAsync(ct); // in the transaction: what reads the project's items next sees this one
        }

        if (await change(row, caller, now) is { } refused) return refused;
        await db.SaveChangesRaisingAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await StandardWork.ComplianceAsync(db, found, clock.Today(), now, ct));
    }

    internal static async Task<Ok<IReadOnlyList<PortfolioComplianceRow>>> Portfolio(ProjectsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var projects = await db.VisibleProjects(Caller.Of(http)).AsNoTracking().Where(p => p.Phase != ProjectPhase.Closed)
            .OrderBy(p => p.Number).ToListAsync(ct);
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var rows = new List<PortfolioComplianceRow>();
        foreach (var p in projects)
        {
            var c = await StandardWork.ComplianceAsync(db, p, today, now, ct);
            rows.Add(new PortfolioComplianceRow(p.Key, p.Name, p.Manager, c.Template, c.Version, c.LatestVersion, c.Counts));
        }

        return TypedResults.Ok<IReadOnlyList<PortfolioComplianceRow>>(rows);
    }

    // ---- reading a template request ----

    private static bool IsRef(string? value) =>
        value is { Length: >= 1 and <= Lengths.Key } && value.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_');

    private const string RefRule = "is 1–50 letters, digits, '-' or '_'.";

    private static string? RefOf(Validator v, string field, string? value)
    {
        v.Check(IsRef(value), field, $"'{field}' {RefRule}");
        return value;
    }

    private static int Number(Validator v, string field, int? value, int min, int max, int? fallback = null)
    {
        var n = value ?? fallback;
        v.Check(n is not null && n >= min && n <= max, field, $"'{field}' is required, {min} to {max}.");
        return n ?? 0;
    }

    private static List<string> Lines(Validator v, string field, IReadOnlyList<string?>? values, int max)
    {
        var list = values ?? [];
        v.Check(list.Count <= max, field, $"'{field}' holds at most {max} entries.");
        for (var i = 0; i < list.Count; i++) v.Required($"{field}[{i}]", list[i], Lengths.ListEntry);
        return list.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList();
    }

    private static List<T> Each<T, TRequest>(Validator v, string field, IReadOnlyList<TRequest?>? values, Func<string, TRequest, T> read) where TRequest : class
    {
        var list = new List<T>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (values![i] is not { } value) v.Check(false, $"{field}[{i}]", $"'{field}[{i}]' is required.");
            else list.Add(read($"{field}[{i}]", value));
        }

        return list;
    }

    /// <summary>The definition a request describes, its field errors added to <paramref name="v"/>.</summary>
    private static TemplateDefinition Read(PublishTemplateRequest r, Validator v)
    {
        v.Required("name", r.Name, Lengths.Title).Optional("description", r.Description, Lengths.Text).Optional("kitProfile", r.KitProfile, Lengths.Title);
        var phases = Each(v, "phases", r.Phases, (f, p) =>
        {
            v.Required($"{f}.name", p.Name, Lengths.Title);
            return new TemplatePhase(p.Name?.Trim() ?? "", Each(v, $"{f}.milestones", p.Milestones, (g, m) =>
            {
                v.Required($"{g}.name", m.Name, Lengths.Title);
                var after = Lines(v, $"{g}.after", m.After, TemplateRules.MaxItems);
                foreach (var (a, i) in after.Select((a, i) => (a, i))) RefOf(v, $"{g}.after[{i}]", a);
                return new TemplateMilestone(RefOf(v, $"{g}.ref", m.Ref) ?? "", m.Name?.Trim() ?? "",
                    Number(v, $"{g}.offsetDays", m.OffsetDays, 0, TemplateRules.MaxOffsetDays), after);
            }));
        });
        var deliverables = Each(v, "deliverables", r.Deliverables, (f, d) =>
        {
            v.Required($"{f}.name", d.Name, Lengths.Title).Optional($"{f}.description", d.Description, Lengths.Text);
            if (d.Milestone is not null) RefOf(v, $"{f}.milestone", d.Milestone);
            if (d.OffsetDays is not null) Number(v, $"{f}.offsetDays", d.OffsetDays, 0, TemplateRules.MaxOffsetDays);
            v.Check(d.Milestone is null || d.OffsetDays is null, $"{f}.offsetDays", $"'{f}' is due with its milestone or on a day, not both.");
            return new TemplateDeliverable(RefOf(v, $"{f}.ref", d.Ref) ?? "", d.Name?.Trim() ?? "", d.Description?.Trim(),
                Lines(v, $"{f}.acceptanceCriteria", d.AcceptanceCriteria, 50), d.Milestone, d.OffsetDays);
        });
        var risks = Each(v, "risks", r.Risks, (f, k) =>
        {
            v.Required($"{f}.title", k.Title, Lengths.Title).Optional($"{f}.description", k.Description, Lengths.Text)
                .Optional($"{f}.mitigation", k.Mitigation, Lengths.Text);
            return new TemplateRisk(RefOf(v, $"{f}.ref", k.Ref) ?? "", k.Title?.Trim() ?? "", k.Description?.Trim(),
                Number(v, $"{f}.probability", k.Probability, 1, 5), Number(v, $"{f}.impact", k.Impact, 1, 5), RequestText.Blank(k.Mitigation));
        });
        var meetings = Each(v, "meetings", r.Meetings, (f, s) =>
        {
            v.Required($"{f}.title", s.Title, Lengths.Title);
            v.Check(s.Time is not null && TimeOnly.TryParseExact(s.Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                $"{f}.time", $"'{f}.time' is required, HH:mm (24-hour).");
            v.Check(s.TimeZone is null || TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out _), $"{f}.timeZone",
                $"'{f}.timeZone' is no time zone this server knows (an IANA name such as Asia/Tokyo).");
            return new TemplateMeetingSeries(RefOf(v, $"{f}.ref", s.Ref) ?? "", s.Title?.Trim() ?? "", Number(v, $"{f}.everyWeeks", s.EveryWeeks, 1, 12, 1),
                Number(v, $"{f}.firstOffsetDays", s.FirstOffsetDays, 0, TemplateRules.MaxOffsetDays, 0), s.Time ?? "",
                Number(v, $"{f}.occurrences", s.Occurrences, 1, TemplateRules.MaxOccurrences), Lines(v, $"{f}.agenda", s.Agenda, 50), s.TimeZone);
        });
        var definition = new TemplateDefinition(phases, deliverables, risks, meetings, RequestText.Blank(r.KitProfile));
        v.Check(definition.Items().Count() <= TemplateRules.MaxItems, "phases", $"A template holds at most {TemplateRules.MaxItems} items.");
        return definition;
    }
}
