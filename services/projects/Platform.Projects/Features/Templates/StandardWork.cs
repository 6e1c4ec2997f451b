namespace Platform.Projects.Features;

/// <summary>
/// A project's standard work: what its template asks for is made in it (milestones, deliverables, risks, meetings)
/// with dates from its start, or linked to what it already has under the same name; and where it stands against each item.
/// </summary>
public static class StandardWork
{
    /// <summary>
    /// Records the template's items on the project. An item the project already records is left alone. Otherwise a
    /// thing of the project with the item's name stands for it when there is one; the rest are made when
    /// <paramref name="make"/> is true, else left missing. Only <paramref name="only"/> when given.
    /// </summary>
    public static async Task ApplyAsync(ProjectsDbContext db, Project project, TemplateDefinition template, bool make, string by,
        DateTimeOffset now, ProjectsOptions options, CancellationToken ct, string? only = null)
    {
        var start = project.StartDate ?? DateOnly.FromDateTime(now.UtcDateTime);
        var recorded = await db.StandardItems.Where(i => i.ProjectId == project.Id).ToDictionaryAsync(i => i.Ref, StringComparer.Ordinal, ct);
        var milestones = await db.Milestones.Where(m => m.ProjectId == project.Id).ToListAsync(ct);
        var deliverables = await db.Deliverables.AsNoTracking().Where(d => d.ProjectId == project.Id).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        var risks = await db.Risks.AsNoTracking().Where(r => r.ProjectId == project.Id).Select(r => new { r.Id, r.Title }).ToListAsync(ct);
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.ProjectId == project.Id).Select(m => new { m.Id, m.Title }).ToListAsync(ct);

        static List<Guid> Named<T>(IEnumerable<T> things, Func<T, string> name, Func<T, Guid> id, string wanted) =>
            things.Where(t => string.Equals(name(t).Trim(), wanted.Trim(), StringComparison.OrdinalIgnoreCase)).Select(id).ToList();

        var items = template.Items().Where(i => only is null || i.Ref == only).ToList();
        foreach (var (itemRef, kind, _, name) in items)
        {
            if (recorded.TryGetValue(itemRef, out var existing) && (existing.EntityIds.Count > 0 || existing.SkippedReason is not null)) continue;
            var ids = kind switch
            {
                StandardItemKind.Milestone => Named(milestones, m => m.Name, m => m.Id, name),
                StandardItemKind.Deliverable => Named(deliverables, d => d.Name, d => d.Id, name),
                StandardItemKind.Risk => Named(risks, r => r.Title, r => r.Id, name),
                _ => Named(meetings, m => m.Title, m => m.Id, name),
            };
            if (ids.Count == 0 && make)
                ids = await MakeAsync(db, project, template, itemRef, kind, start, milestones, by, now, options, ct);
            if (existing is null)
            {
                existing = new ProjectStandardItem { ProjectId = project.Id, Ref = itemRef, Kind = kind };
                db.StandardItems.Add(existing);
                recorded[itemRef] = existing;
            }

            existing.EntityIds = ids;
        }
    }

    private static async Task<List<Guid>> MakeAsync(ProjectsDbContext db, Project project, TemplateDefinition template, string itemRef,
        StandardItemKind kind, DateOnly start, List<Milestone> milestones, string by, DateTimeOffset now, ProjectsOptions options, CancellationToken ct)
    {
        switch (kind)
        {
            case StandardItemKind.Milestone:
            {
                var m = template.Milestones.Single(x => x.Ref == itemRef);
                var milestone = Milestone.Plan(project, m.Name, start.AddDays(m.OffsetDays), now);
                db.Milestones.Add(milestone);
                milestones.Add(milestone);
                return [milestone.Id];
            }
            case StandardItemKind.Deliverable:
            {
                var d = template.Deliverables.Single(x => x.Ref == itemRef);
                var number = await db.NextNumberAsync(Sequences.Deliverables, ct);
                var deliverable = Deliverable.Define(number, project, d.Name, d.Description ?? "", d.AcceptanceCriteria, null,
                    TemplateRules.DueDate(template, itemRef, start), now);
                db.Deliverables.Add(deliverable);
                return [deliverable.Id];
            }
            case StandardItemKind.Risk:
            {
                var r = template.Risks.Single(x => x.Ref == itemRef);
                var number = await db.NextNumberAsync(Sequences.Risks, ct);
                var risk = Risk.Identify(number, project, r.Title, r.Description ?? "", r.Probability, r.Impact, null, r.Mitigation, null, by, now);
                db.Risks.Add(risk);
                await Escalator.OnRiskScoredAsync(db, project, risk, null, options.RiskEscalationThreshold, by, now, ct);
                return [risk.Id];
            }
            default:
            {
                var s = template.Meetings.Single(x => x.Ref == itemRef);
                var ids = new List<Guid>();
                foreach (var at in TemplateRules.Occurrences(s, start, project.EndDate))
                {
                    var number = await db.NextNumberAsync(Sequences.Meetings, ct);
                    var meeting = Meeting.Schedule(number, project, s.Title, at, [project.Manager], s.Agenda ?? [], by, now);
                    db.Meetings.Add(meeting);
                    ids.Add(meeting.Id);
                }

                return ids;
            }
        }
    }

    /// <summary>Where <paramref name="project"/> stands against its template's items as of <paramref name="today"/>.</summary>
    public static async Task<ComplianceView> ComplianceAsync(ProjectsDbContext db, Project project, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        if (project.TemplateKey is null)
            return new(project.Key, null, null, null, null, today, ComplianceCounts.Of([]), []);
        var version = await db.Templates.AsNoTracking().SingleAsync(t => t.Key == project.TemplateKey && t.Version == project.TemplateVersion, ct);
        var latest = await db.Templates.Where(t => t.Key == project.TemplateKey).MaxAsync(t => t.Version, ct);
        var template = version.Read();
        var recorded = await db.StandardItems.AsNoTracking().Where(i => i.ProjectId == project.Id).ToDictionaryAsync(i => i.Ref, StringComparer.Ordinal, ct);
        var ids = recorded.Values.SelectMany(i => i.EntityIds).ToList();
        var milestones = await db.Milestones.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var deliverables = await db.Deliverables.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Number, d.Status, d.DueDate }).ToDictionaryAsync(d => d.Id, ct);
        var risks = await db.Risks.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Number }).ToDictionaryAsync(r => r.Id, ct);
        var meetings = await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Number, m.ScheduledAt, Minuted = m.Minutes != null && m.Minutes != "" }).ToDictionaryAsync(m => m.Id, ct);

        var items = new List<ComplianceItem>();
        foreach (var (itemRef, kind, phase, name) in template.Items())
        {
            var row = recorded.GetValueOrDefault(itemRef);
            var entityIds = row?.EntityIds ?? [];
            ComplianceStatus status;
            DateOnly? due = null;
            List<string> entities;
            switch (kind)
            {
                case StandardItemKind.Milestone:
                {
                    var found = entityIds.Where(milestones.ContainsKey).Select(id => milestones[id]).ToList();
                    entities = found.Select(m => m.Id.ToString()).ToList();
                    due = found.Count > 0 ? found.Min(m => m.DueDate) : null;
                    status = found.Count == 0 ? ComplianceStatus.Missing
                        : found.All(m => m.CompletedAt is not null) ? ComplianceStatus.Done
                        : found.Any(m => m.IsOverdue(today)) ? ComplianceStatus.Late : ComplianceStatus.OnTrack;
                    break;
                }
                case StandardItemKind.Deliverable:
                {
                    var found = entityIds.Where(deliverables.ContainsKey).Select(id => deliverables[id]).ToList();
                    entities = found.Select(d => Deliverable.KeyPrefix + d.Number).ToList();
                    due = found.Where(d => d.DueDate is not null).Select(d => d.DueDate).Min();
                    status = found.Count == 0 ? ComplianceStatus.Missing
                        : found.All(d => d.Status == DeliverableStatus.Accepted) ? ComplianceStatus.Done
                        : found.Any(d => d.Status != DeliverableStatus.Accepted && d.DueDate < today) ? ComplianceStatus.Late : ComplianceStatus.OnTrack;
                    break;
                }
                case StandardItemKind.Risk:
                {
                    var found = entityIds.Where(risks.ContainsKey).Select(id => risks[id]).ToList();
                    entities = found.Select(r => Risk.KeyPrefix + r.Number).ToList();
                    status = found.Count == 0 ? ComplianceStatus.Missing : ComplianceStatus.Done;
                    break;
                }
                default:
                {
                    var found = entityIds.Where(meetings.ContainsKey).Select(id => meetings[id]).OrderBy(m => m.ScheduledAt).ToList();
                    entities = found.Select(m => Meeting.KeyPrefix + m.Number).ToList();
                    var unminuted = found.Where(m => m.ScheduledAt < now && !m.Minuted).ToList();
                    var next = found.FirstOrDefault(m => m.ScheduledAt >= now);
                    due = unminuted.Count > 0 ? DateOnly.FromDateTime(unminuted[0].ScheduledAt.UtcDateTime)
                        : next is null ? null : DateOnly.FromDateTime(next.ScheduledAt.UtcDateTime);
                    status = found.Count == 0 ? ComplianceStatus.Missing
                        : unminuted.Count > 0 ? ComplianceStatus.Late
                        : next is null ? ComplianceStatus.Done : ComplianceStatus.OnTrack;
                    break;
                }
            }

            if (row?.SkippedReason is not null) status = ComplianceStatus.Skipped;
            items.Add(new ComplianceItem(itemRef, kind, phase, name, status, due, entities, row?.SkippedReason, row?.SkippedBy, row?.SkippedAt));
        }

        return new ComplianceView(project.Key, version.Key, version.Version, latest, version.Name, today,
            ComplianceCounts.Of(items.Select(i => i.Status)), items);
    }
}
