using Platform.ServiceDefaults;

namespace Platform.Ticketing;

// TEMPORARY (r15-sh): the ticket rules left Caller in the shared library; the ticketing helper's branch brings them
// back inside the service. Delete this file when merging that branch.
public static class TemporaryTicketAccess
{
    extension(Caller caller)
    {
        /// <summary>Agents, PMO analysts and admins see every ticket, internal notes included.</summary>
        public bool SeesAllTickets => caller.IsIn(Roles.Agent, Roles.PmoAnalyst, Roles.Admin);

        public bool WorksTickets => caller.IsIn(Roles.Agent, Roles.Admin);
    }
}
