namespace Platform.Ticketing.Features.Tickets;

/// <summary>Ticket rules from configuration ("Tickets").</summary>
public sealed class TicketOptions
{
    public const string Section = "Tickets";

    /// <summary>How many days after its resolution the requester (or an agent) may reopen a ticket.</summary>
    public int ReopenWindowDays { get; set; } = 7;

    /// <summary>Cells that differ from the ITIL matrix: impact → urgency → priority (see <see cref="Domain.PriorityMatrix"/>).</summary>
    public Dictionary<Impact, Dictionary<Urgency, Priority>> PriorityMatrix { get; set; } = [];

    /// <summary>How many ticket numbers an agent's search walks newest first before it turns to the full-text index
    /// (see <see cref="TicketSearchEndpoints"/>).</summary>
    public int SearchRecentWindow { get; set; } = 20_000;

    /// <summary>How many matches below the recent window an agent's search reads from the full-text index, in no
    /// order, to learn whether they are few (then all of them are in hand) or many (then it walks the numbers in
    /// growing windows; see <see cref="TicketSearchEndpoints"/>).</summary>
    public int SearchSparseLimit { get; set; } = 1_000;
}
