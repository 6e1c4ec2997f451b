using System.Net;
using System.Text;

namespace Platform.Notifications.Features.Email;

/// <summary>A notification's words: the title (inbox title, e-mail subject) and the lines of its body.</summary>
public sealed record Rendered(string Title, IReadOnlyList<string> Lines, string? Link)
{
    public string Text => string.Join("\n", Lines);
}

/// <summary>
/// How a recipient stands to an event, for its wording: the ticket's requester hears about "your ticket"; everyone
/// else a rule names (a person, a role, the assignee, a project's manager…) is told what happened, as an onlooker.
/// </summary>
public enum Audience { Requester, Onlooker }

/// <summary>
/// Templates per event type, in plain text and HTML (e-mail, digest and in-app inbox share them). Each type has its
/// own wording, told as to an onlooker; the ticket events a requester hears of have their own words for them
/// (<see cref="ForRequester"/>). A type without a template (a new event in the catalogue) gets a generic one listing
/// its fields.
/// </summary>
public static class Templates
{
    private delegate Rendered Template(Func<string, string> s, EventFacts f);

    private static readonly Dictionary<string, Template> ByType = new(StringComparer.Ordinal)
    {
        ["ProjectEscalationRaised"] = (s, f) => new($"[{s("severity")}] Escalation {s("escalationKey")} on {s("projectKey")}",
            [$"{s("raisedBy")} escalated {s("sourceType").ToLowerInvariant()} {Or(s("sourceKey"), s("sourceId"))} of {s("projectKey")} to the PMO.",
             $"Reason: {s("reason")}", $"Rule: {s("rule")}, severity {s("severity")}."], $"api/escalations/{s("escalationKey")}"),
        ["ProjectEscalationAcknowledged"] = (s, f) => new($"Escalation {s("escalationKey")} acknowledged",
            [$"{s("acknowledgedBy")} took escalation {s("escalationKey")} on {s("projectKey")} in hand.", Or(s("note"), "")], $"api/escalations/{s("escalationKey")}"),
        ["ProjectEscalationResolved"] = (s, f) => new($"Escalation {s("escalationKey")} resolved",
            [$"{s("resolvedBy")} resolved escalation {s("escalationKey")} on {s("projectKey")}.", $"Resolution: {s("resolution")}"], $"api/escalations/{s("escalationKey")}"),
        ["TicketCreated"] = (s, f) => new($"New ticket {s("ticketKey")} from {s("requester")}: {s("title")}",
            [$"{s("requester")} opened ticket {s("ticketKey")} \"{s("title")}\" ({s("priority")}, {s("category")})."], $"api/tickets/{s("ticketKey")}"),
        ["TicketStatusChanged"] = (s, f) => new($"{s("ticketKey")} is now {s("to")}",
            [$"Ticket {s("ticketKey")} moved from {s("from")} to {s("to")} ({s("changedBy")})."], $"api/tickets/{s("ticketKey")}"),
        ["TicketAssigned"] = (s, f) => new($"{s("ticketKey")} assigned to {s("assignee")}",
            [$"{s("assignedBy")} assigned ticket {s("ticketKey")} of {s("requester")} to {s("assignee")} ({s("priority")})."], $"api/tickets/{s("ticketKey")}"),
        ["TicketCommented"] = (s, f) => new($"New reply on {s("ticketKey")}",
            [$"{s("author")} wrote on {s("ticketKey")}:", s("excerpt")], $"api/tickets/{s("ticketKey")}"),
        ["MajorIncidentDeclared"] = (s, f) => s("declared") == "true"
            ? new($"MAJOR INCIDENT {s("ticketKey")}: {s("title")}", [$"{s("declaredBy")} declared {s("ticketKey")} a major incident.", $"Reason: {s("reason")}",
                $"Assignee: {Or(s("assignee"), "none")}, queue: {Or(s("queue"), "none")}."], $"api/tickets/{s("ticketKey")}")
            : new($"Major incident {s("ticketKey")} stood down", [$"{s("declaredBy")} stood down the major incident {s("ticketKey")}.", $"Reason: {s("reason")}"], $"api/tickets/{s("ticketKey")}"),
        ["LicenceOverused"] = (s, f) => new($"Licence {s("licenceKey")} over-used",
            [$"{s("product")}: {s("seatsAssigned")} seats assigned, {s("seatsOwned")} owned."], null),
        ["LicenceExpiring"] = (s, f) => new($"Licence {s("licenceKey")} expires in {s("daysLeft")} days",
            [$"{s("product")} expires on {s("expiresOn")}; {s("seatsAssigned")} seats are in use."], null),
        ["WarrantyExpiring"] = (s, f) => new($"Warranty of {s("assetTag")} ends in {s("daysLeft")} days",
            [$"{s("model")} ({s("assetTag")}, held by {Or(s("assignedTo"), "nobody")}) is under warranty until {s("warrantyEnd")}."], null),
        ["KittingRequested"] = (s, f) => new($"Kitting {s("requestKey")} for {s("userId")} on {s("projectKey")}",
            [$"{s("userId")} joined {s("projectKey")} as {s("role")}: prepare the {s("kitProfile")} kit."], null),
        ["ReturnRequested"] = (s, f) => new($"Return {s("requestKey")} from {s("userId")} on {s("projectKey")}",
            [$"{s("userId")} left {s("projectKey")}: collect what they hold for it."], null),
        ["TicketSlaWarning"] = (s, f) => new($"[{s("priority")}] SLA warning on {s("ticketKey")}",
            [$"The {s("clock")} clock of {s("ticketKey")} has used {s("warningPercent")} % of its {s("targetMinutes")} minutes.", $"It breaches at {s("dueAt")}."], $"api/tickets/{s("ticketKey")}"),
        ["TicketSlaBreached"] = (s, f) => new($"[{s("priority")}] SLA breached on {s("ticketKey")}",
            [$"The {s("clock")} clock of {s("ticketKey")} passed its {s("targetMinutes")}-minute target ({s("policyName")}).",
             $"Priority {s("previousPriority")} → {s("priority")}, queue {Or(s("previousQueue"), "none")} → {Or(s("queue"), "none")}."], $"api/tickets/{s("ticketKey")}"),
        ["TicketPromotedToProject"] = (s, f) => new($"{s("ticketKey")} handed to project {s("projectKey")}",
            [$"Ticket {s("ticketKey")} \"{s("title")}\" was handed to project {s("projectKey")} by {s("promotedBy")}."], $"api/tickets/{s("ticketKey")}"),
        ["ProjectIssueResolved"] = (s, f) => new($"{s("issueKey")} on {s("projectKey")} resolved",
            [$"Issue {s("issueKey")} on {s("projectKey")} was resolved by {s("resolvedBy")}.", $"Resolution: {s("resolution")}"], $"api/projects/{s("projectKey")}/issues/{s("issueKey")}"),
        ["ProjectIssueReopened"] = (s, f) => new($"{s("issueKey")} on {s("projectKey")} reopened",
            [$"Issue {s("issueKey")} on {s("projectKey")} was reopened by {s("reopenedBy")}.", $"Reason: {s("reason")}"], $"api/projects/{s("projectKey")}/issues/{s("issueKey")}"),
        ["MilestoneOverdue"] = (s, f) => new($"Milestone overdue on {s("projectKey")}: {s("milestoneName")}",
            [$"Milestone \"{s("milestoneName")}\" of {s("projectKey")} was due on {s("dueDate")} and is {s("progressPercent")} % done."], $"api/projects/{s("projectKey")}"),
        ["ResourceOverAllocated"] = (s, f) => new($"{s("userId")} is over-allocated",
            [$"An allocation on {s("projectKey")} books {s("userId")} over 100 % in some weeks."], $"api/people/{s("userId")}/allocations"),
        ["PersonJoined"] = (s, f) => new($"{s("displayName")} joined{In(s("department"))}",
            [$"{s("displayName")} ({s("userName")}) can now sign in{In(s("department"))}.", $"Manager: {Or(s("managerId"), "none")}."], $"api/people/{s("userId")}"),
        ["PersonChanged"] = (s, f) => new($"{s("displayName")}'s details changed",
            [$"The directory entry of {s("displayName")} ({s("userName")}) changed.", $"Department: {Or(s("department"), "none")}, manager: {Or(s("managerId"), "none")}."],
            $"api/people/{s("userId")}"),
        ["PersonLeft"] = (s, f) => new($"{s("displayName")} left{In(s("department"))}",
            [$"{s("displayName")} ({s("userName")}) left on {s("leftOn")} and can no longer sign in.", "Hand over what they held: tickets, projects, assets."], null),
    };

    /// <summary>What the requester of the ticket is told, where it differs from what anyone else is.</summary>
    private static readonly Dictionary<string, Template> ForRequester = new(StringComparer.Ordinal)
    {
        ["TicketCreated"] = (s, f) => new($"{s("ticketKey")} received: {s("title")}",
            [$"We have received your ticket {s("ticketKey")} \"{s("title")}\" ({s("priority")}, {s("category")}).", "A help desk agent will take it in hand."], $"api/tickets/{s("ticketKey")}"),
        ["TicketStatusChanged"] = (s, f) => s("to") switch
        {
            "Resolved" => new($"{s("ticketKey")} resolved", [$"Your ticket {s("ticketKey")} was resolved by {s("changedBy")}.", "Reopen it if the problem is still there."], $"api/tickets/{s("ticketKey")}"),
            "Assigned" or "InProgress" => new($"{s("ticketKey")} taken in hand", [$"Your ticket {s("ticketKey")} is being handled ({s("to")})."], $"api/tickets/{s("ticketKey")}"),
            _ => ByType["TicketStatusChanged"](s, f),
        },
        ["TicketAssigned"] = (s, f) => new($"{s("ticketKey")} taken in hand",
            [$"Your ticket {s("ticketKey")} was assigned to {s("assignee")} ({s("priority")}).", "You will hear from them."], $"api/tickets/{s("ticketKey")}"),
    };

    /// <summary>
    /// The recipient's standing: the requester the event names, or an onlooker. The ticket events worded for the
    /// requester (<see cref="ForRequester"/>) name them themselves.
    /// </summary>
    public static Audience AudienceOf(EventFacts facts, string recipient) =>
        string.Equals(facts.Requester, recipient, StringComparison.Ordinal) ? Audience.Requester : Audience.Onlooker;

    public static Rendered Render(string type, string domain, JsonElement data, EventFacts facts, Audience audience)
    {
        string S(string name) =>
            data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v)
                ? v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString() ?? "",
                    JsonValueKind.Null or JsonValueKind.Undefined => "",
                    _ => v.GetRawText(),
                }
                : "";
        if ((audience == Audience.Requester && ForRequester.TryGetValue(type, out var template)) || ByType.TryGetValue(type, out template))
        {
            var r = template(S, facts);
            return r with { Lines = r.Lines.Where(l => l.Length > 0).ToList() };
        }

        var lines = data.ValueKind == JsonValueKind.Object
            ? data.EnumerateObject().Where(p => p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                .Select(p => $"{p.Name}: {(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}").ToList()
            : [];
        return new Rendered($"{Words(type)}{(facts.Subject is { } subject ? $": {subject}" : "")}", lines, null);
    }

    public static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    public static (string Text, string Html) Email(Rendered r, string publicUrl)
    {
        var link = r.Link is null ? null : publicUrl.TrimEnd('/') + "/" + r.Link;
        var text = new StringBuilder().AppendLine(r.Title).AppendLine();
        foreach (var line in r.Lines) text.AppendLine(line);
        if (link is not null) text.AppendLine().AppendLine(link);
        text.AppendLine().AppendLine("-- ").AppendLine("Platform notifications. Choose your channels and quiet hours at /api/notification-preferences.");

        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.Append("<h2>").Append(WebUtility.HtmlEncode(r.Title)).Append("</h2>");
        foreach (var line in r.Lines) html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        if (link is not null) html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\">Open</a></p>");
        html.Append("<hr><p style=\"color:#666;font-size:smaller\">Platform notifications. Choose your channels and quiet hours at /api/notification-preferences.</p></body></html>");
        return (text.ToString(), html.ToString());
    }

    public static (string Subject, string Text, string Html) Digest(IReadOnlyList<Rendered> items, string publicUrl)
    {
        var subject = $"Your digest: {items.Count} notification{(items.Count == 1 ? "" : "s")}";
        var text = new StringBuilder().AppendLine(subject).AppendLine();
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><h2>")
            .Append(WebUtility.HtmlEncode(subject)).Append("</h2><ul>");
        foreach (var r in items)
        {
            text.Append("* ").AppendLine(r.Title);
            foreach (var line in r.Lines) text.Append("  ").AppendLine(line);
            html.Append("<li><strong>").Append(WebUtility.HtmlEncode(r.Title)).Append("</strong><br>")
                .Append(string.Join("<br>", r.Lines.Select(WebUtility.HtmlEncode))).Append("</li>");
        }

        html.Append("</ul><p><a href=\"").Append(WebUtility.HtmlEncode(publicUrl.TrimEnd('/') + "/api/inbox")).Append("\">Your inbox</a></p></body></html>");
        return (subject, text.ToString(), html.ToString());
    }

    /// <summary>
    /// The event fields each template reads, by JSON name: every template rendered with a reader that records what it
    /// is asked for (both answers to a yes/no field, so both wordings are read). The notifications tests hold these
    /// names against the contracts, so that renaming a field of an event fails a test instead of blanking a message.
    /// </summary>
    internal static IEnumerable<(string Type, IReadOnlySet<string> Fields)> FieldsRead()
    {
        var facts = new EventFacts("", "", null, null, null, null, null, null, null, null, null, null, null, [], [], [], false);
        foreach (var book in new[] { ByType, ForRequester })
        {
            foreach (var (type, template) in book)
            {
                var fields = new HashSet<string>(StringComparer.Ordinal);
                foreach (var answer in new[] { "true", "false" })
                    template(name => { fields.Add(name); return answer; }, facts);
                yield return (type, fields);
            }
        }
    }

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;

    private static string In(string department) => department.Length > 0 ? $" ({department})" : "";

    private static string Words(string type) =>
        string.Concat(type.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
