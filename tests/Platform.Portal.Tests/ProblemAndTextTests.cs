using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Platform.Portal.Api;
using Platform.Portal.Components.Desk;
using Platform.Portal.Components.Pages;
using Platform.Portal.Components.Shared;
using Platform.Portal.Desk;

namespace Platform.Portal.Tests;

public sealed class ProblemAlertTests : PortalContext
{
    [Fact]
    public void A_problem_shows_what_is_not_about_a_field_in_the_persons_words()
    {
        var problem = new Problem
        {
            Status = 400, Title = "One or more fields are invalid.",
            Errors = new() { ["title"] = ["'title' is required."], ["tags"] = ["At most 20 tags of 1 to 50 characters."] },
        };
        var cut = Render<ProblemAlert>(p => p.Add(a => a.Problem, problem).Add(a => a.Fields, ["title"]));
        var alert = cut.Find("[data-testid=problem]");
        alert.GetAttribute("role").ShouldBe("alert");
        alert.TextContent.ShouldContain("Some fields need correcting."); // the title, localised
        alert.TextContent.ShouldContain("At most 20 tags");              // another field's error
        alert.TextContent.ShouldNotContain("'title' is required");       // shown beside the field instead
        problem.For("title", Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>())
            .ShouldBe("This field is required.");
    }

    [Fact]
    public void A_refused_file_problem_shows_its_detail_and_an_ended_session_offers_sign_in()
    {
        var tooLarge = Render<ProblemAlert>(p => p.Add(a => a.Problem, new Problem { Status = 413, Title = "File too large", Detail = "Attachments are limited to 10485760 bytes." }));
        tooLarge.Find("[data-testid=problem]").TextContent.ShouldBe("Attachments are limited to 10485760 bytes.");

        var ended = Render<ProblemAlert>(p => p.Add(a => a.Problem, new Problem { Status = 401, Title = "Unauthorized" }));
        ended.Find("[data-testid=problem]").TextContent.ShouldContain("Your session has ended");
        ended.Find("button").TextContent.ShouldContain("Sign in again");

        Render<ProblemAlert>(p => p.Add(a => a.Problem, null)).Markup.Trim().ShouldBeEmpty();
    }
}

public sealed class RateTicketTests : PortalContext
{
    private static Ticket Ticket(string status, SatisfactionView? rated = null) => new(
        Guid.NewGuid(), "HD-7", "Printer", "jams", "alice", "hardware", "Medium", "Medium", "P3", status, "bob", null, [],
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, [], Satisfaction: rated);

    [Fact]
    public void Only_the_requester_of_a_resolved_ticket_is_offered_the_rating()
    {
        Render<RateTicket>(p => p.Add(r => r.Ticket, Ticket("Resolved")).Add(r => r.Me, "alice")).FindAll("[data-testid=rate-form]").Count.ShouldBe(1);
        Render<RateTicket>(p => p.Add(r => r.Ticket, Ticket("Closed")).Add(r => r.Me, "alice")).FindAll("[data-testid=rate-form]").Count.ShouldBe(1);
        Render<RateTicket>(p => p.Add(r => r.Ticket, Ticket("Resolved")).Add(r => r.Me, "bob")).Markup.Trim().ShouldBeEmpty();
        Render<RateTicket>(p => p.Add(r => r.Ticket, Ticket("InProgress")).Add(r => r.Me, "alice")).Markup.Trim().ShouldBeEmpty();
    }

    [Fact]
    public void Stars_are_a_labelled_radio_group_and_the_button_waits_for_a_choice()
    {
        var cut = Render<RateTicket>(p => p.Add(r => r.Ticket, Ticket("Resolved")).Add(r => r.Me, "alice"));
        cut.Find("[role=radiogroup]").GetAttribute("aria-label").ShouldBe("Satisfaction rating");
        cut.FindAll("[role=radio]").Select(r => r.GetAttribute("aria-label")).ShouldBe(Enumerable.Range(1, 5).Select(i => $"{i} of 5 stars"));
        cut.Find("[data-testid=rate]").HasAttribute("disabled").ShouldBeTrue();
        cut.Find("[data-testid=star-4]").Click();
        cut.Find("[data-testid=star-4]").GetAttribute("aria-checked").ShouldBe("true");
        cut.Find("[data-testid=rate]").HasAttribute("disabled").ShouldBeFalse();
    }

    [Fact]
    public void A_given_rating_is_shown_to_everyone()
    {
        var cut = Render<RateTicket>(p => p.Add(r => r.Ticket, Ticket("Closed", new SatisfactionView(4, "Quick", DateTimeOffset.UnixEpoch))).Add(r => r.Me, "bob"));
        cut.Find("[data-testid=rating]").TextContent.ShouldContain("Quick");
        cut.Markup.ShouldContain("Rated 4 of 5 stars");
    }
}

public sealed class SafeMarkdownTests
{
    [Fact]
    public void Markdown_renders_but_raw_html_and_script_links_do_not()
    {
        var html = SafeMarkdown.ToHtml("## Steps\n\n**bold** <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[bad](javascript:alert(1)) [ok](https://example.org/a) [rel](kb/1) [data](data:text/html;base64,PHNjcmlwdD4=)");
        html.ShouldContain("<h2>Steps</h2>");
        html.ShouldContain("<strong>bold</strong>");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("<img");
        html.ShouldContain("&lt;script&gt;");
        html.ShouldNotContain("javascript:");
        html.ShouldNotContain("data:text");
        html.ShouldContain("href=\"https://example.org/a\"");
        html.ShouldContain("href=\"kb/1\"");
    }

    [Theory]
    [InlineData("https://x.org", true)]
    [InlineData("mailto:desk@x.org", true)]
    [InlineData("/kb/1", true)]
    [InlineData("kb/1?a=b:c", true)]
    [InlineData("JavaScript:alert(1)", false)]
    [InlineData(" vbscript:x", false)]
    [InlineData("data:image/png;base64,AA", false)]
    public void Only_web_and_mail_addresses_and_relative_ones_are_safe(string url, bool safe) => SafeMarkdown.IsSafe(url).ShouldBe(safe);
}

public sealed class DebouncerTests
{
    [Fact]
    public async Task Quick_calls_run_the_action_once_after_the_pause()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var debouncer = new Debouncer(TimeSpan.FromMilliseconds(400), time);
        var runs = new List<string>();
        var first = debouncer.RunAsync(_ => { runs.Add("p"); return Task.CompletedTask; });
        time.Advance(TimeSpan.FromMilliseconds(200));
        var second = debouncer.RunAsync(_ => { runs.Add("pr"); return Task.CompletedTask; });
        time.Advance(TimeSpan.FromMilliseconds(200));
        var third = debouncer.RunAsync(_ => { runs.Add("pri"); return Task.CompletedTask; });
        await first;
        await second;
        runs.ShouldBeEmpty();
        time.Advance(TimeSpan.FromMilliseconds(400));
        await third;
        runs.ShouldBe(["pri"]);
    }
}

public sealed class SmallLogicTests
{
    [Fact]
    public void History_changes_read_as_before_and_after()
    {
        using var doc = JsonDocument.Parse("""{"Priority":["P3","P1"],"UpdatedAt":["2026-12-01T00:00:00Z","2026-12-01T00:01:00Z"],"Assignee":[null,"bob"],"Note":"x"}""");
        TicketHistory.Describe(doc.RootElement).ShouldBe([("Priority", "P3 → P1"), ("Assignee", "— → bob"), ("Note", "x")]);
    }

    [Fact]
    public void A_creation_lists_what_the_ticket_was_raised_as_without_ids()
    {
        using var doc = JsonDocument.Parse("""{"Id":[null,"01a2"],"Number":[null,7],"Title":[null,"VPN down"],"Priority":[null,"P2"],"Assignee":[null,null],"SlaPolicyId":[null,"0193"],"CreatedAt":[null,"2026-12-01T00:00:00Z"]}""");
        TicketHistory.Describe(doc.RootElement, added: true).ShouldBe([("Title", "VPN down"), ("Priority", "P2")]);
    }

    [Theory]
    [InlineData("2026-12-01T00:01:00Z", "2026-12-01T00:01:00+00:00")]
    [InlineData("2026-12-01T09:01:00.1234567+09:00", "2026-12-01T09:01:00.1234567+09:00")]
    [InlineData("2026-12-01T00:01:00", "2026-12-01T00:01:00+00:00")]
    [InlineData("2026-12-01", null)]
    [InlineData("P1", null)]
    [InlineData("1234-56-78T99:99:99", null)]
    [InlineData("HD-2026-12-01T00:01", null)]
    public void History_values_that_are_times_are_found(string text, string? instant)
    {
        var found = TicketHistory.Instant(text);
        found.ShouldBe(instant is null ? null : DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture));
        if (found is { } at) at.Offset.ShouldBe(DateTimeOffset.Parse(instant!, CultureInfo.InvariantCulture).Offset);
    }

    [Fact]
    public void Tags_are_split_by_commas_or_spaces_without_hashes() =>
        ArticleEditor.Tags(" vpn, #remote  vpn、プリンター ").ShouldBe(["vpn", "remote", "プリンター"]);
}
