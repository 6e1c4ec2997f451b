using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Ticketing.Data;

/// <summary>
/// Keeps the tickets' full-text search input: every comment about to be inserted has its body appended to its
/// ticket's shadow column, public comments and system replies to <see cref="PublicCommentsText"/>, internal notes to
/// <see cref="InternalNotesText"/>. PostgreSQL generates the search vectors from them (see
/// Configurations/TicketConfiguration.cs). Shadow columns, so the audit trail does not repeat every comment.
/// Only the ticket entities already tracked are touched (a comment is always added through its ticket); nothing is read.
/// </summary>
public sealed class SearchTextInterceptor : SaveChangesInterceptor
{
    public const string PublicCommentsText = "PublicCommentsText";
    public const string InternalNotesText = "InternalNotesText";
    public const string SearchVector = "SearchVector";
    public const string InternalSearchVector = "InternalSearchVector";

    /// <summary>How much comment text a ticket's search column keeps (the start of the conversation).</summary>
    private const int MaxFoldedText = 200_000;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Fold(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Fold(eventData);
        return ValueTask.FromResult(result);
    }

    private static void Fold(DbContextEventData save)
    {
        var added = SaveScan.Entries<TicketComment>(save).Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0) return;
        var tickets = SaveScan.Entries<Ticket>(save).ToDictionary(e => e.Entity.Id);
        foreach (var comment in added.OrderBy(c => c.CreatedAt))
        {
            if (!tickets.TryGetValue(comment.TicketId, out var ticket)) continue;
            var property = ticket.Property<string>(comment.Kind == CommentKind.Internal ? InternalNotesText : PublicCommentsText);
            var text = string.IsNullOrEmpty(property.CurrentValue) ? comment.Body : property.CurrentValue + "\n" + comment.Body;
            property.CurrentValue = Text.Clip(text, MaxFoldedText);
        }
    }
}
