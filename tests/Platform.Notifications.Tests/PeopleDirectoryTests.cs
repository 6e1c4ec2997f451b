using Platform.Contracts.People;
using Platform.Data.People;
using Platform.Messaging.Inbox;

namespace Platform.Notifications.Tests;

/// <summary>
/// Issue 16 in notifications: the directory copy that rules resolve against (joiners, movers, leavers, whatever the
/// order of identity's events), the unknown-person check on rules, and the people events as integration events.
/// </summary>
[Collection(nameof(NotificationsCollection))]
public sealed class PeopleDirectoryTests(NotificationsFixture f)
{
    private static string Id(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static object Rule(string name, string category, string[]? users = null, string[]? roles = null, string[]? channels = null) => new
    {
        name, eventTypes = new[] { "TicketCreated" }, filters = new { categories = new[] { category } },
        users = users ?? [], roles = roles ?? [], channels = channels ?? ["Inbox"],
    };

    private async Task<Guid> CreateRuleAsync(object body)
    {
        var response = await f.Http.PostJsonAsync("/api/notification-rules", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Guid.Parse((await response.ReadJsonAsync()).Str("id"));
    }

    private Task<NotificationRule> RuleAsync(Guid id) => f.WithDbAsync(db => db.Rules.AsNoTracking().SingleAsync(r => r.Id == id));

    /// <summary>Publishes a ticket of <paramref name="category"/> and waits until notifications has fanned it out (logged, in one transaction).</summary>
    private async Task<Guid> TicketAsync(string category, string? requester = null)
    {
        var eventId = await f.PublishAsync(new TicketCreated(Guid.NewGuid(), "HD-" + Random.Shared.Next(1, 99_999), "Laptop", requester ?? Id("r"), category, "P3",
            DateTimeOffset.UtcNow));
        await Eventually.GetAsync(() => f.CountAsync(db => db.Events.CountAsync(e => e.Id == eventId)), n => n == 1);
        return eventId;
    }

    private Task<int> ItemsAsync(string user, Guid eventId) => f.CountAsync(db => db.Inbox.CountAsync(i => i.UserId == user && i.EventId == eventId));

    private static async Task ShouldBeUnknownPersonAsync(HttpResponseMessage response, string named)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        var problem = await response.ReadJsonAsync();
        problem.Str("code").ShouldBe(PeopleDirectory.UnknownPersonCode);
        problem.GetProperty("errors").GetProperty("users")[0].GetString()!.ShouldContain(named);
    }

    [Fact]
    public async Task A_rule_naming_someone_the_directory_does_not_know_is_422_and_nothing_is_written()
    {
        var known = await f.JoinAsync(Id("known"), ["agent"]);
        var stranger = Id("stranger");
        var name = Id("rule");

        await ShouldBeUnknownPersonAsync(await f.Http.PostJsonAsync("/api/notification-rules", Rule(name, "x", users: [known, stranger])), stranger);
        (await f.CountAsync(db => db.Rules.CountAsync(r => r.Name == name))).ShouldBe(0);

        var id = await CreateRuleAsync(Rule(name, "x", users: [known]));
        var update = await f.Http.PutAsync($"/api/notification-rules/{id}", System.Net.Http.Json.JsonContent.Create(Rule(name + "-v2", "x", users: [stranger])));
        await ShouldBeUnknownPersonAsync(update, stranger);
        var kept = await RuleAsync(id);
        kept.Name.ShouldBe(name);
        kept.Users.ShouldBe([known]);

        // Someone who left is not a person a rule can name either.
        var gone = await f.JoinAsync(Id("gone"), ["agent"]);
        await f.LeaveAsync(gone);
        await ShouldBeUnknownPersonAsync(await f.Http.PostJsonAsync("/api/notification-rules", Rule(Id("rule"), "x", users: [gone])), gone);
        (await f.Http.DeleteAsync($"/api/notification-rules/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_leaver_is_taken_out_of_every_rule_and_hears_nothing_more()
    {
        var category = Id("leave");
        var role = Id("role");
        var leaverAddress = $"{Id("leaver")}@example.test";
        var leaver = await f.JoinAsync(Id("leaver"), [role], department: "IT", email: leaverAddress);
        var keeper = await f.JoinAsync(Id("keeper"), ["agent"]);
        var shared = await CreateRuleAsync(Rule("Leaver and keeper", category, users: [leaver, keeper], channels: ["Inbox", "Email"]));
        var alone = await CreateRuleAsync(Rule("Leaver alone", category, users: [leaver]));
        var byRole = await CreateRuleAsync(Rule("Leaver's role", category, roles: [role]));
        try
        {
            var before = await TicketAsync(category);
            (await ItemsAsync(leaver, before)).ShouldBe(1);
            (await ItemsAsync(keeper, before)).ShouldBe(1);
            // The address comes from the directory copy (PersonJoined's e-mail).
            (await f.Smtp.WaitForAsync(leaverAddress)).Count.ShouldBe(1);

            await f.LeaveAsync(leaver, "IT");
            (await RuleAsync(shared)).Users.ShouldBe([keeper]);
            var emptied = await RuleAsync(alone);
            emptied.Users.ShouldBeEmpty();
            emptied.Enabled.ShouldBeFalse("a rule left naming no one is switched off");
            (await RuleAsync(byRole)).Roles.ShouldBe([role]);

            // Named by the ticket itself (requester) and by a role they still hold in the copy: neither reaches them.
            var after = await TicketAsync(category, requester: leaver);
            (await ItemsAsync(keeper, after)).ShouldBe(1);
            (await ItemsAsync(leaver, after)).ShouldBe(0);
            (await f.CountAsync(db => db.Deliveries.CountAsync(d => d.EventId == after && d.Recipient == leaver))).ShouldBe(0);

            // A mail queued before they left (a digest, quiet hours) is parked by the dispatcher, not sent.
            var queued = await f.WithDbAsync(async db =>
            {
                var row = new DeliveryRecord
                {
                    EventId = before, Target = $"digest:{leaver}", Channel = DeliveryChannel.Digest, Recipient = leaver,
                    NextAttemptAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow,
                };
                db.Deliveries.Add(row);
                await db.SaveChangesAsync();
                return row.Id;
            });
            var parked = await Eventually.GetAsync(() => f.WithDbAsync(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.Id == queued)),
                d => d.Status == DeliveryStatus.Parked, TimeSpan.FromSeconds(30));
            parked.Status.ShouldBe(DeliveryStatus.Parked);
            parked.LastError.ShouldBe($"{leaver} has left.");
            f.Smtp.MessagesTo(leaverAddress).Count.ShouldBe(1);
        }
        finally
        {
            foreach (var id in new[] { shared, alone, byRole }) await f.Http.DeleteAsync($"/api/notification-rules/{id}");
        }
    }

    [Fact]
    public async Task A_movers_new_role_counts_in_role_rules_from_the_next_event()
    {
        var category = Id("move");
        var role = Id("pmo-analysts");
        var mover = await f.JoinAsync(Id("mover"), ["requester"]);
        var rule = await CreateRuleAsync(Rule("All of a role", category, roles: [role]));
        try
        {
            var before = await TicketAsync(category);
            (await ItemsAsync(mover, before)).ShouldBe(0);

            await f.ChangeAsync(mover, ["requester", role]);
            var moved = await TicketAsync(category);
            (await ItemsAsync(mover, moved)).ShouldBe(1);

            await f.ChangeAsync(mover, ["requester"]);
            var movedOn = await TicketAsync(category);
            (await ItemsAsync(mover, movedOn)).ShouldBe(0);
        }
        finally
        {
            await f.Http.DeleteAsync($"/api/notification-rules/{rule}");
        }
    }

    [Fact]
    public async Task People_events_are_logged_delivered_to_webhooks_and_tell_the_manager_of_a_joiner_and_a_leaver()
    {
        var types = await (await f.Tool(Id("tool")).GetAsync("/api/events/types")).ReadJsonAsync();
        foreach (var name in new[] { "PersonJoined", "PersonChanged", "PersonLeft" })
            types.EnumerateArray().ShouldContain(t => t.Str("name") == name && t.Str("cloudEventType") == $"platform.people.{name}");

        var manager = await f.JoinAsync(Id("boss"), ["agent"]);
        var person = Id("newcomer");
        var tool = f.Tool(Id("hr-tool"));
        var endpoint = Id("people");
        await f.SubscribeAsync(tool, endpoint, ["people.*"]);

        var joined = await f.PublishAsync(new PersonJoined(person, person, "Nadia Newcomer", null, "Finance", manager, ["requester"], 1, DateTimeOffset.UtcNow));
        // The leaver's manager is the one the directory copy knows: let it take the joiner in first.
        await Eventually.GetAsync(() => f.CountAsync(db => db.People.CountAsync(p => p.UserId == person && p.Active)), n => n == 1);
        var changed = await f.PublishAsync(new PersonChanged(person, person, "Nadia Newcomer", null, "Controlling", manager, ["requester"], ["department"], 2,
            DateTimeOffset.UtcNow));
        var left = await f.PublishAsync(new PersonLeft(person, person, "Nadia Newcomer", "Controlling", DateOnly.FromDateTime(DateTime.UtcNow), 3, DateTimeOffset.UtcNow));
        var ids = new[] { joined, changed, left }.Select(i => i.ToString()).ToList();

        await f.Receiver.WaitForAsync(r => r.For(endpoint).Count >= 3, what: "the three people events");
        var received = f.Receiver.For(endpoint);
        received.Select(a => a.EventId).Order().ShouldBe(ids.Order());
        received.Select(a => a.Type).Order().ShouldBe(["platform.people.PersonChanged", "platform.people.PersonJoined", "platform.people.PersonLeft"]);
        received.ShouldAllBe(a => a.CloudEvent.GetProperty("data").Str("userId") == person);

        var log = await (await tool.GetAsync($"/api/events?days=1&subject={person}")).ReadJsonAsync();
        log.GetProperty("items").EnumerateArray().Select(e => e.Str("id")).Order().ShouldBe(ids.Order());

        // The manager hears of the joiner and the leaver (built-in rule, inbox only); not of the change, and no one else does.
        var told = await Eventually.GetAsync(
            () => f.WithDbAsync(db => db.Inbox.AsNoTracking().Where(i => i.EventId == joined || i.EventId == changed || i.EventId == left).ToListAsync()),
            items => items.Count >= 2);
        told.Select(i => (i.UserId, i.EventType)).Order().ShouldBe([(manager, "PersonJoined"), (manager, "PersonLeft")]);
        told.Single(i => i.EventType == "PersonJoined").Title.ShouldBe("Nadia Newcomer joined (Finance)");
        told.Single(i => i.EventType == "PersonLeft").Title.ShouldBe("Nadia Newcomer left (Controlling)");
        (await f.CountAsync(db => db.Deliveries.CountAsync(d => ids.Contains(d.EventId.ToString()) && d.Channel != DeliveryChannel.Webhook))).ShouldBe(0);
    }

    /// <summary>Waits until the directory consumer has handled these messages (its inbox rows).</summary>
    private Task WaitHandledAsync(params Guid[] messages) =>
        Eventually.GetAsync(() => f.CountAsync(db => db.Set<InboxMessage>().CountAsync(m => messages.Contains(m.MessageId) && m.Consumer == "PeopleDirectoryConsumer")),
            n => n == messages.Length);

    [Fact]
    public async Task The_copy_ends_the_same_whatever_order_identitys_events_arrive_in()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = DateTimeOffset.UtcNow;

        // Left before changed before joined: they stay gone.
        var gone = Id("gone");
        var events = new List<Guid>
        {
            await f.PublishAsync(new PersonLeft(gone, gone, "Gone Last", "IT", today, 3, now)),
            await f.PublishAsync(new PersonChanged(gone, gone, "Gone Middle", null, "IT", null, ["agent"], ["roles"], 2, now)),
            await f.PublishAsync(new PersonJoined(gone, gone, "Gone First", null, "IT", null, ["requester"], 1, now)),
        };

        // Changed before joined: they are active with the changed roles.
        var moved = Id("moved");
        var role = Id("role");
        events.Add(await f.PublishAsync(new PersonChanged(moved, moved, "Moved", $"{moved}@example.test", "PMO", null, [role], ["roles"], 2, now)));
        events.Add(await f.PublishAsync(new PersonJoined(moved, moved, "Moved", null, "IT", null, ["requester"], 1, now)));
        await WaitHandledAsync([.. events]);

        var left = await f.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.UserId == gone));
        (left.Active, left.Version, left.LeftOn, left.DisplayName).ShouldBe((false, 3L, (DateOnly?)today, "Gone Last"));
        var mover = await f.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.UserId == moved));
        (mover.Active, mover.Version, mover.Department, mover.Email).ShouldBe((true, 2L, "PMO", $"{moved}@example.test"));
        mover.Roles.ShouldBe([role]);

        await ShouldBeUnknownPersonAsync(await f.Http.PostJsonAsync("/api/notification-rules", Rule(Id("rule"), "x", users: [gone])), gone);
        var category = Id("order");
        var rule = await CreateRuleAsync(Rule("The mover's role", category, users: [moved], roles: [role]));
        try
        {
            var ticket = await TicketAsync(category);
            (await ItemsAsync(moved, ticket)).ShouldBe(1);
        }
        finally
        {
            await f.Http.DeleteAsync($"/api/notification-rules/{rule}");
        }
    }
}
