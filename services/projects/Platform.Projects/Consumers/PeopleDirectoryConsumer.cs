using System.Text.Json;
using Platform.Contracts.People;
using Platform.Messaging.People;

namespace Platform.Projects.Consumers;

/// <summary>
/// Projects' copy of the people directory (queue projects-people-directory), and what a leaver hands back, in the
/// same transaction as the copy and the inbox row: every membership ends as a manager's removal would
/// (<see cref="Membership.EndMembershipAsync"/>: ProjectMemberRemoved through the outbox, so assets asks for their kit
/// back), and their allocations end on <see cref="PersonLeft.LeftOn"/>. A project they manage keeps them as its
/// manager until someone else is named (a project always has one), and what they own (issues, risks, tasks, action
/// items, deliverables) stays theirs until it is handed over: GET /api/projects/{key}/orphans lists it. Each project
/// they left gets an audit entry (action PersonLeft). Joiners and movers need nothing here: project roles are the
/// project's own, not platform roles.
/// </summary>
public sealed class PeopleDirectoryConsumer(ProjectsDbContext db, TimeProvider clock) : PeopleDirectoryConsumer<ProjectsDbContext>(db)
{
    public const string LeftAction = "PersonLeft";

    protected override async Task OnLeftAsync(PersonLeft e, DirectoryPerson person, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await Db.LockAsync("allocations:" + e.UserId, ct); // the bookings' lock: none of theirs is being added meanwhile
        await Db.EndAllocationsAsync(e.UserId, e.LeftOn, ct);
        var projects = await Db.Projects.Include(p => p.Members).Where(p => p.Members.Any(m => m.UserId == e.UserId)).ToListAsync(ct);
        foreach (var project in projects)
        {
            var role = project.Members.First(m => m.UserId == e.UserId).Role;
            var managed = project.IsManagedBy(e.UserId);
            if (!managed) await Db.EndMembershipAsync(project, e.UserId, e.LeftOn, now, ct);
            Db.Set<AuditEntry>().Add(new AuditEntry
            {
                Entity = "projects",
                EntityId = project.Id.ToString(),
                Action = LeftAction,
                Actor = Actor.System,
                At = now,
                Changes = JsonSerializer.Serialize(new Dictionary<string, object?[]>
                {
                    ["member"] = [e.UserId, managed ? e.UserId : null],
                    ["role"] = [role, managed ? role : null],
                    ["leftOn"] = [null, e.LeftOn.ToString("O", System.Globalization.CultureInfo.InvariantCulture)],
                }),
            });
        }
    }
}
