namespace Platform.Ticketing.Features;

/// <summary>
/// Who may do what with tickets, on the signed-in <see cref="Caller"/>: <c>caller.SeesAllTickets</c>,
/// <c>caller.WorksTickets</c>. Everyone else sees only the tickets they raised (the rest answers 404), and no
/// internal notes or internal attachments.
/// </summary>
/// <remarks>
/// Extension properties: inside EF query expressions read them into a local first (an expression tree cannot hold
/// an extension property access).
/// </remarks>
public static class TicketAccess
{
    extension(Caller caller)
    {
        /// <summary>Agents, PMO analysts and admins see every ticket, internal notes included.</summary>
        public bool SeesAllTickets => caller.IsIn(Roles.Agent, Roles.PmoAnalyst, Roles.Admin);

        /// <summary>Agents and admins work tickets: assign, move, open them for someone else; their replies are first responses.</summary>
        public bool WorksTickets => caller.IsIn(Roles.Agent, Roles.Admin);
    }
}
