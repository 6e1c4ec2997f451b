using System.Globalization;
using Microsoft.Extensions.Localization;
using Platform.Portal.Api;

namespace Platform.Portal.Desk;

/// <summary>
/// Words a ticket's system comment in the reader's language from the code and values ticketing stores with it
/// (<c>SystemComment.{code}</c> in the resources, <c>{name}</c> replaced by a value): people by name, statuses,
/// levels and SLA clocks as the portal words them, times in the reader's time zone. A comment without a code (people's
/// comments, system comments written before codes) or with one the portal does not know shows ticketing's English.
/// </summary>
public static partial class SystemComments
{
    /// <param name="name">A user id → the directory's display name (or the id).</param>
    /// <param name="time">A time → how the reader sees it (their zone and culture).</param>
    public static string Text(IStringLocalizer L, Comment comment, Func<string, string> name, Func<DateTimeOffset, string> time)
    {
        if (!comment.IsSystem || comment.Code is not { } code || comment.Args is not { } args) return comment.Body;
        var main = L[$"SystemComment.{code}"];
        if (main.ResourceNotFound) return comment.Body;

        string Value(string key)
        {
            if (!args.TryGetValue(key, out var raw)) return "";
            return key switch
            {
                "by" or "person" => name(raw),
                "notified" => string.Join(L["SystemComment.ListSeparator"], raw.Split(',').Select(name)),
                "status" => L.OrElse($"Status.{raw}", raw),
                "impact" or "urgency" => L.OrElse($"Level.{raw}", raw),
                "clock" => L.OrElse($"SystemComment.Clock.{raw}", raw),
                "dueAt" or "at" when DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) => time(at),
                _ => raw,
            };
        }

        string Fill(string template) => Placeholder().Replace(template, m => Value(m.Groups[1].Value));

        var parts = new List<string> { Fill(main.Value) };
        // Optional parts: a key "SystemComment.{code}.{arg}" is added when the value is there (each part's text
        // begins with the language's own separator: a space in English, none in Japanese).
        foreach (var optional in new[] { "priorityBefore", "queue", "notified", "text" })
        {
            if (!args.ContainsKey(optional)) continue;
            var part = L[$"SystemComment.{code}.{optional}"];
            if (!part.ResourceNotFound) parts.Add(Fill(part.Value));
        }

        return string.Concat(parts);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();
}
