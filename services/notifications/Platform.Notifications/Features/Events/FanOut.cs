using System.Diagnostics;
using Platform.Contracts;
using Platform.Messaging.Outbox;
using Platform.Contracts.Notifications;
using Platform.Contracts.People;
using Platform.Contracts.Projects;
using Platform.Data.Reference;

namespace Platform.Notifications.Features.Events;

/// <summary>
/// Turns one event into everything it must cause, in the caller's unit of work (one transaction with the consumer's
/// inbox row): the event in the log, the ticket/project contacts it teaches, an inbox item per person the rules
/// name, and one delivery row per e-mail/digest recipient and per subscribed webhook.
/// <para>
/// The event log row is the claim on the fan-out: it is inserted first, with <c>ON CONFLICT DO NOTHING</c>, and an
/// event already logged (a second delivery of it that the inbox did not stop, e.g. two deliveries at once) is left
/// alone, so a harmless duplicate neither sends anything twice nor fails on pk_event_log. The contacts several
/// event types teach (TicketCreated, TicketStatusChanged, TicketAssigned… of one ticket, consumed at once from
/// their own queues) are upserted, so that the second consumer updates the row instead of failing on its primary key
/// and being retried. Both statements run in the consumer's transaction (see IdempotentConsumer). The rules and
/// subscriptions come from the process's cache (<see cref="FanOutReference"/>), and so do the people and their
/// preferences (<see cref="PeopleSnapshot"/>).
/// </para>
/// </summary>
public sealed class FanOut(NotificationsDbContext db, TimeProvider clock, IOptions<NotificationsOptions> options, IOptions<EmailOptions> email)
{
    public async Task HandleAsync(Guid eventId, IIntegrationEvent message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (type, domain) = EventCatalog.Describe(message);
        var data = JsonSerializer.SerializeToElement(message, message.GetType(), EventTypes.Json);
        var facts = EventFacts.Of(message);
        if (!await LogAsync(eventId, type, domain, facts, data, message.OccurredAt, now, ct)) return; // already logged, so already fanned out

        var contacts = await LearnAsync(facts, message, now, ct);
        var reference = await db.ReferenceCache<FanOutReference>().GetAsync(db, ct);
        await NotifyPeopleAsync(eventId, type, domain, data, facts, contacts, reference.Rules, now, ct);

        foreach (var subscription in reference.Subscriptions.Where(s => s.Wants(facts)))
            db.Deliveries.Add(new DeliveryRecord
            {
                EventId = eventId, Target = DeliveryRecord.WebhookTarget(subscription.Id), Channel = DeliveryChannel.Webhook,
                Recipient = subscription.Owner, SubscriptionId = subscription.Id, Urgent = facts.Urgent, NextAttemptAt = now, CreatedAt = now,
            });
    }

    /// <summary>
    /// Writes the event to the log unless it is there already (inserted by an earlier or a concurrent delivery, which
    /// then also made its inbox items and deliveries). A concurrent delivery's uncommitted row makes this wait for
    /// its outcome: committed, this one does nothing; rolled back, this one logs the event. True when it logged it.
    /// The event keeps the trace context of the flow that raised it (the consumer's span, which continues the
    /// publisher's trace), for the CloudEvent's distributed-tracing attributes.
    /// </summary>
    private async Task<bool> LogAsync(Guid eventId, string type, string domain, EventFacts facts, JsonElement data,
        DateTimeOffset occurredAt, DateTimeOffset now, CancellationToken ct)
    {
        var activity = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current : null;
        var traceParent = activity?.Id;
        var traceState = activity?.TraceStateString is { Length: > 0 and <= 512 } state && state.All(c => c is >= ' ' and <= '~') ? state : null;
        // Raw (ServiceDbContext.RawAsync): this statement and the contact upsert run for every event.
        return await db.RawAsync("""
            INSERT INTO event_log (id, type, domain, subject, severity, project_key, priority, category, status, data, occurred_at, received_at,
                                   trace_parent, trace_state)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CAST($10 AS jsonb), $11, $12, $13, $14)
            ON CONFLICT (id) DO NOTHING
            """, [eventId, type, domain, facts.Subject, facts.Severity, facts.ProjectKey, facts.Priority, facts.Category, facts.Status,
                data.GetRawText(), occurredAt.ToUniversalTime(), now.ToUniversalTime(), traceParent, traceState],
            (command, token) => command.ExecuteNonQueryAsync(token), ct) == 1;
    }

    /// <summary>
    /// Keeps the requester/assignee of tickets and the manager/sponsor of projects as events name them, each with one
    /// upsert (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>) that also reads the row: a consumer racing another
    /// for the same ticket or project waits for it and then updates its row, rather than failing on the key. An event
    /// that names nobody only reads.
    /// </summary>
    private async Task<Contacts> LearnAsync(EventFacts facts, IIntegrationEvent message, DateTimeOffset now, CancellationToken ct)
    {
        TicketContact? ticket = null;
        if (facts.TicketId is { } ticketId)
        {
            var key = (message as ITicketEvent)?.TicketKey ?? (message as ProjectIssueCreated)?.SourceTicketKey;
            if (facts.Domain == "ticketing" && (facts.Requester is not null || facts.Assignee is not null) && key is not null)
                ticket = await db.RawAsync("""
                    INSERT INTO ticket_contacts AS t (ticket_id, ticket_key, requester, assignee, updated_at)
                    VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (ticket_id) DO UPDATE SET requester = COALESCE(EXCLUDED.requester, t.requester),
                        assignee = COALESCE(EXCLUDED.assignee, t.assignee), updated_at = EXCLUDED.updated_at
                    RETURNING t.requester, t.assignee
                    """, [ticketId, key, facts.Requester, facts.Assignee, now],
                    async (command, token) =>
                    {
                        var (requester, assignee) = await TwoStringsAsync(command, token);
                        return new TicketContact { TicketId = ticketId, TicketKey = key, Requester = requester, Assignee = assignee, UpdatedAt = now };
                    }, ct);
            else
                ticket = await db.TicketContacts.AsNoTracking().FirstOrDefaultAsync(t => t.TicketId == ticketId, ct);
        }

        ProjectContact? project = null;
        if (facts.ProjectId is { } projectId)
        {
            var manager = message switch
            {
                ProjectCreated created => created.Manager,
                ProjectEscalationRaised => facts.NotifyUsers.Count > 0 ? facts.NotifyUsers[0] : null,
                _ => null,
            };
            // An escalation names the sponsor (or, naming one person only, that there is none); other events keep it.
            var escalation = message is ProjectEscalationRaised;
            var sponsor = escalation ? facts.NotifyUsers.Skip(1).FirstOrDefault() : null;
            if (manager is not null && facts.ProjectKey is not null)
                project = await db.RawAsync("""
                    INSERT INTO project_contacts AS p (project_id, project_key, manager, sponsor, updated_at)
                    VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (project_id) DO UPDATE SET manager = EXCLUDED.manager,
                        sponsor = CASE WHEN $6 THEN EXCLUDED.sponsor ELSE p.sponsor END, updated_at = EXCLUDED.updated_at
                    RETURNING p.manager, p.sponsor
                    """, [projectId, facts.ProjectKey, manager, sponsor, now, escalation],
                    async (command, token) =>
                    {
                        var (found, sponsorFound) = await TwoStringsAsync(command, token);
                        return new ProjectContact { ProjectId = projectId, ProjectKey = facts.ProjectKey, Manager = found, Sponsor = sponsorFound, UpdatedAt = now };
                    }, ct);
            else
                project = await db.ProjectContacts.AsNoTracking().FirstOrDefaultAsync(p => p.ProjectId == projectId, ct);
        }

        // A people event's person's manager: as the event says (joiner, mover), or as the directory last knew (leaver).
        var personManager = message switch
        {
            IPersonSnapshot person => person.ManagerId,
            PersonLeft left => await db.People.AsNoTracking().Where(p => p.UserId == left.UserId).Select(p => p.ManagerId).FirstOrDefaultAsync(ct),
            _ => null,
        };

        return new Contacts(facts.Requester ?? ticket?.Requester, facts.Assignee ?? ticket?.Assignee, project?.Manager, project?.Sponsor, personManager);
    }

    /// <summary>The two text columns of the one row an upsert's <c>RETURNING</c> gives.</summary>
    private static async Task<(string? First, string? Second)> TwoStringsAsync(System.Data.Common.DbCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The upsert returned no row.");
        return (await reader.IsDBNullAsync(0, ct) ? null : reader.GetString(0), await reader.IsDBNullAsync(1, ct) ? null : reader.GetString(1));
    }

    private async Task NotifyPeopleAsync(Guid eventId, string type, string domain, JsonElement data, EventFacts facts, Contacts contacts,
        IReadOnlyList<NotificationRule> enabledRules, DateTimeOffset now, CancellationToken ct)
    {
        var rules = enabledRules.Where(r => r.Applies(facts)).ToList();
        if (rules.Count == 0) return;

        // Person → the channels any applicable rule gives them.
        var channels = new Dictionary<string, HashSet<Channel>>(StringComparer.Ordinal);
        void Add(string user, NotificationRule rule)
        {
            if (string.IsNullOrWhiteSpace(user) || user == ServiceDefaults.Actor.System) return;
            if (!channels.TryGetValue(user, out var set)) channels[user] = set = [];
            foreach (var c in rule.Channels) if (Enum.TryParse<Channel>(c, out var channel)) set.Add(channel);
        }

        foreach (var rule in rules)
        {
            foreach (var user in rule.RelatedPeople(facts, contacts)) Add(user, rule);
            var roles = rule.RoleNames(facts).ToList();
            if (roles.Count > 0)
                foreach (var user in await db.ActiveWithAnyRoleAsync(roles, ct))
                    Add(user, rule);
        }

        if (channels.Count == 0) return;
        var (people, preferences) = await db.PeopleAndPreferencesAsync(channels.Keys.ToList(), ct);
        // Someone who left hears nothing more, whatever an event or a contact still names them.
        foreach (var (user, person) in people)
            if (!person.Active) channels.Remove(user);
        if (channels.Count == 0) return;
        var wording = new Dictionary<Audience, Rendered>();
        var settings = options.Value;

        foreach (var (user, wanted) in channels)
        {
            var preference = preferences.GetValueOrDefault(user) ?? Preference.DefaultFor(user);
            var audience = Templates.AudienceOf(facts, user);
            if (!wording.TryGetValue(audience, out var rendered)) wording[audience] = rendered = Templates.Render(type, domain, data, facts, audience);
            if (wanted.Contains(Channel.Inbox) && preference.Inbox)
            {
                db.Inbox.Add(new InboxItem
                {
                    UserId = user, EventId = eventId, EventType = type, Subject = facts.Subject, Title = Templates.Clip(rendered.Title, Lengths.Title),
                    Body = Templates.Clip(rendered.Text, Lengths.Body), Severity = facts.Severity ?? facts.Priority, Urgent = facts.Urgent, CreatedAt = now,
                });
                // The portal's unread badge: in the same transaction as the item (outbox).
                db.AddIntegrationEvent(new InboxItemAdded(user, type, facts.Subject, facts.Urgent, now));
            }

            if (!wanted.Contains(Channel.Email) || !email.Value.Enabled) continue;
            var address = preference.EmailAddress ?? people.GetValueOrDefault(user)?.Email
                ?? (settings.DefaultEmailDomain is { Length: > 0 } domainName ? $"{user}@{domainName}" : null);
            if (address is null) continue;
            if (preference.Digest && !facts.Urgent)
                db.Deliveries.Add(new DeliveryRecord
                {
                    EventId = eventId, Target = $"digest:{user}", Channel = DeliveryChannel.Digest, Recipient = user,
                    NextAttemptAt = preference.NextDigest(now, settings.DigestHour), CreatedAt = now,
                });
            else if (preference.Email)
                db.Deliveries.Add(new DeliveryRecord
                {
                    EventId = eventId, Target = $"email:{user}", Channel = DeliveryChannel.Email, Recipient = user, Urgent = facts.Urgent,
                    NextAttemptAt = preference.SendAt(now, facts.Urgent), CreatedAt = now,
                });
        }
    }
}
