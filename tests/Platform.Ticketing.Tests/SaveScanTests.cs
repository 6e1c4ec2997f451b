using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Messaging.Outbox;
using Platform.Ticketing.Domain;

namespace Platform.Ticketing.Tests;

/// <summary>
/// A save's interceptors (SLA clocks, search text, reference data, outbox, audit) share one DetectChanges
/// (shared/Platform.Data/SaveScan.cs) and still see everything the caller changed: a new ticket, a changed field, a
/// comment added through its ticket.
/// </summary>
public class SaveScanTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    [Fact]
    public async Task A_save_detects_changes_once_for_all_its_interceptors_and_they_see_every_change()
    {
        var word = $"scan{Guid.NewGuid():N}"[..16];
        var (ticketId, detections) = await fx.WithDbAsync(async db =>
        {
            var counts = new List<int>();
            var detected = 0;
            db.ChangeTracker.DetectingAllChanges += (_, _) => detected++;

            var now = DateTimeOffset.UtcNow;
            var ticket = Ticket.Open(await db.NextTicketNumberAsync(CancellationToken.None), $"Printer {word}", "It jams.", "alice",
                "hardware", Impact.High, Urgency.High, now);
            await db.ApplySlaPolicyAsync(ticket, CancellationToken.None);
            ticket.SlaPolicyId.ShouldNotBeNull("a seeded policy covers the ticket, so the SLA interceptor takes part");
            db.Tickets.Add(ticket);
            detected = 0;
            await db.SaveChangesAsync();
            counts.Add(detected);

            // A changed field and a comment added through the ticket (found only by detecting changes).
            ticket.Assign("bob", "bob", now.AddMinutes(1));
            ticket.AddComment("bob", $"Replaced the drum {word}", CommentKind.Public, now.AddMinutes(2), byAgent: true);
            detected = 0;
            await db.SaveChangesAsync();
            counts.Add(detected);
            return (ticket.Id, counts);
        });

        // The interceptors' one detection, and EF Core's own before it writes (seven and eight before SaveScan).
        detections.ShouldAllBe(n => n <= 2, $"detections per save: {string.Join(", ", detections)}");

        await fx.WithDbAsync(async db =>
        {
            var id = ticketId.ToString();
            var audit = await db.Set<AuditEntry>().Where(a => a.Entity == "tickets" && a.EntityId == id).OrderBy(a => a.At).ToListAsync();
            audit.Select(a => a.Action).ShouldBe(["Added", "Modified"]);
            audit[1].Changes.ShouldContain("\"Assignee\": [null, \"bob\"]");
            (await db.Set<TicketComment>().CountAsync(c => c.TicketId == ticketId && c.Body.Contains(word))).ShouldBe(1);
            (await db.Tickets.CountAsync(t => t.Id == ticketId && t.Assignee == "bob"
                && EF.Property<string>(t, SearchTextInterceptor.PublicCommentsText).Contains(word))).ShouldBe(1);
            var recent = await db.Set<OutboxMessage>().OrderByDescending(m => m.CreatedAt).Take(200).Select(m => m.Body).ToListAsync();
            recent.ShouldContain(body => body.Contains(id), "the ticket's events went to the outbox");
            return 0;
        });
    }
}
