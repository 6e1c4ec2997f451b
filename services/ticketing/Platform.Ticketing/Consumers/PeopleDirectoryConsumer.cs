using System.Globalization;
using Platform.Contracts.People;
using Platform.Data.People;
using Platform.Messaging.People;

namespace Platform.Ticketing.Consumers;

/// <summary>
/// Ticketing's copy of the people directory (queue <c>ticketing-people-directory</c>), and what the help desk does
/// when people leave or stop being agents, in the same transaction as the copy's update and the inbox row:
/// <list type="bullet">
/// <item>A leaver's open tickets go back to their queues unassigned, each with a system comment saying why, and
/// they leave every queue (members; team lead and SLA breach notices that named them are cleared).</item>
/// <item>Someone who no longer works tickets (neither agent nor admin) holds no tickets and sits in no queue: their
/// open tickets go back to the queue as for a leaver, and they leave every queue's members. Checked on every
/// PersonJoined and PersonChanged, so it holds whatever order the events arrive in.</item>
/// </list>
/// The SLA clocks are not touched (see <see cref="Ticket.ReturnToQueue"/>).
/// </summary>
public sealed class PeopleDirectoryConsumer(TicketingDbContext db, TimeProvider clock) : PeopleDirectoryConsumer<TicketingDbContext>(db)
{
    protected override Task OnJoinedAsync(PersonJoined e, DirectoryPerson person, DirectoryPerson? before, CancellationToken ct) =>
        WorksTickets(person) ? Task.CompletedTask : StopWorkingTicketsAsync(person, e.OccurredAt, ct);

    protected override Task OnChangedAsync(PersonChanged e, DirectoryPerson person, DirectoryPerson before, CancellationToken ct)
    {
        // PersonChanged is only ever about an active person: arriving before its PersonJoined (or after a PersonLeft
        // it is newer than, the person having come back), it makes them known and active all the same. The joiner
        // event, older, is then ignored.
        person.Active = true;
        person.LeftOn = null;
        return WorksTickets(person) ? Task.CompletedTask : StopWorkingTicketsAsync(person, e.OccurredAt, ct);
    }

    protected override async Task OnLeftAsync(PersonLeft e, DirectoryPerson person, CancellationToken ct)
    {
        await HandBackTicketsAsync(person.UserId, SystemText.Of("returned-assignee-left",
            $"{NameOf(person)} left on {e.LeftOn:yyyy-MM-dd}; back to the queue unassigned.",
            ("person", person.UserId), ("name", NameOf(person)), ("date", e.LeftOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), ct);
        await LeaveQueuesAsync(person.UserId, ct);
        foreach (var queue in await Db.Queues.Where(q => q.TeamLead == person.UserId).ToListAsync(ct)) queue.TeamLead = null;
        foreach (var policy in await Db.SlaPolicies.Where(p => p.NotifyOnBreach == person.UserId).ToListAsync(ct)) policy.NotifyOnBreach = null;
    }

    /// <summary>Agents and admins work tickets (as <see cref="Features.TicketAccess"/> says of a caller).</summary>
    private static bool WorksTickets(DirectoryPerson person) =>
        person.Roles.Any(r => r is Roles.Agent or Roles.Admin);

    private async Task StopWorkingTicketsAsync(DirectoryPerson person, DateTimeOffset at, CancellationToken ct)
    {
        await HandBackTicketsAsync(person.UserId, SystemText.Of("returned-assignee-not-agent",
            $"{NameOf(person)} is no longer an agent (since {at.UtcDateTime:yyyy-MM-dd}); back to the queue unassigned, as only agents hold tickets.",
            ("person", person.UserId), ("name", NameOf(person)), ("date", at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), ct);
        await LeaveQueuesAsync(person.UserId, ct);
    }

    private async Task HandBackTicketsAsync(string userId, SystemText reason, CancellationToken ct)
    {
        var held = await Db.Tickets
            .Where(t => t.Assignee == userId && t.Status != TicketStatus.Resolved && t.Status != TicketStatus.Closed)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var ticket in held) ticket.ReturnToQueue(reason, now);
    }

    private async Task LeaveQueuesAsync(string userId, CancellationToken ct) =>
        Db.Set<QueueMember>().RemoveRange(await Db.Set<QueueMember>().Where(m => m.Agent == userId).ToListAsync(ct));

    private static string NameOf(DirectoryPerson person) =>
        person.DisplayName == person.UserId ? person.UserId : $"{person.DisplayName} ({person.UserId})";
}
