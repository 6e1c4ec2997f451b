using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Platform.Portal.Api;
using Platform.Portal.Desk;

namespace Platform.Portal.Tests;

/// <summary>A ticket's system comments worded from ticketing's code and values, in each language.</summary>
public abstract class SystemCommentCases(string culture) : PortalContext(culture)
{
    protected static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    protected string Text(Comment comment) => SystemComments.Text(
        Services.GetRequiredService<IStringLocalizer<SharedResource>>(), comment,
        id => id switch { "bob" => "Bob Brown", "carol" => "Carol Clark", _ => id },
        at => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC");

    protected static Comment Note(string code, string english, params (string Key, string Value)[] args) =>
        new(Guid.NewGuid(), "system", english, "System", At, code, args.ToDictionary(a => a.Key, a => a.Value));
}

public sealed class SystemCommentEnglishTests() : SystemCommentCases("en")
{
    [Fact]
    public void A_promotion_names_the_person_and_the_project()
    {
        Text(Note("promoted", "Promoted to project PRJ-1 by bob.", ("project", "PRJ-1"), ("by", "bob")))
            .ShouldBe("Bob Brown promoted the ticket to project PRJ-1.");
    }

    [Fact]
    public void An_SLA_breach_adds_only_the_parts_it_has()
    {
        Text(Note("sla-breached", "SLA resolution target breached …", ("clock", "Resolution"), ("dueAt", "2026-12-01T08:30:00.0000000+00:00"),
                ("priorityBefore", "P3"), ("priority", "P2"), ("notified", "bob,carol")))
            .ShouldBe("SLA resolution target breached (due 2026-12-01 08:30 UTC). Escalated: priority P3 → P2. Notified: Bob Brown, Carol Clark.");
        Text(Note("sla-breached", "SLA first-response target breached …", ("clock", "FirstResponse"), ("dueAt", "2026-12-01T08:30:00Z")))
            .ShouldBe("SLA first-response target breached (due 2026-12-01 08:30 UTC).");
    }

    [Fact]
    public void People_s_comments_unknown_codes_and_older_system_comments_keep_their_text()
    {
        var reply = new Comment(Guid.NewGuid(), "bob", "Have you tried turning it off and on again?", "Public", At);
        Text(reply).ShouldBe("Have you tried turning it off and on again?");
        Text(Note("a-code-from-a-newer-ticketing", "Something new happened.", ("x", "1"))).ShouldBe("Something new happened.");
        Text(new Comment(Guid.NewGuid(), "system", "Promoted to project PRJ-1 by bob.", "System", At)).ShouldBe("Promoted to project PRJ-1 by bob.");
    }
}

public sealed class SystemCommentJapaneseTests() : SystemCommentCases("ja")
{
    [Fact]
    public void A_promotion_and_a_priority_change_read_in_Japanese()
    {
        Text(Note("promoted", "Promoted to project PRJ-1 by bob.", ("project", "PRJ-1"), ("by", "bob")))
            .ShouldBe("Bob Brown さんがチケットをプロジェクト PRJ-1 へ移管しました。");
        Text(Note("priority-changed", "Impact High, urgency High: priority P4 → P1 (by bob).", ("impact", "High"), ("urgency", "High"),
                ("priorityBefore", "P4"), ("priority", "P1"), ("by", "bob")))
            .ShouldBe("影響度 高、緊急度 高: 優先度 P4 → P1(Bob Brown さん)");
    }

    [Fact]
    public void A_leaver_s_tickets_and_an_ignored_alert_read_in_Japanese()
    {
        Text(Note("returned-assignee-left", "…", ("person", "dave"), ("name", "Dave Davis"), ("date", "2026-12-01")))
            .ShouldBe("Dave Davis さんが 2026-12-01 に退職したため、チケットは未割り当てでキューに戻りました。");
        Text(Note("alert-resolved-ignored", "…", ("source", "Zabbix"), ("status", "Closed")))
            .ShouldBe("Zabbix がアラートの解消を報告しました(チケットはクローズです)。");
    }
}
