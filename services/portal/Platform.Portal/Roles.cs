using System.Security.Claims;

namespace Platform.Portal;

/// <summary>
/// Which screens to offer a person, from the roles in their sign-in. Only a convenience of the menus: the services
/// decide on every call what the person may see and do.
/// </summary>
public static class Roles
{
    /// <summary>Agents and admins work tickets (queue, assign, internal notes, workflow).</summary>
    public static bool WorksTickets(ClaimsPrincipal user) => user.IsInRole("agent") || user.IsInRole("admin");

    /// <summary>Agents, PMO analysts and admins see every ticket and internal notes.</summary>
    public static bool SeesAllTickets(ClaimsPrincipal user) => WorksTickets(user) || user.IsInRole("pmo-analyst");

    /// <summary>PMO analysts and admins: the PMO screens (portfolio, escalations, risk heat map, project pages).</summary>
    public static bool IsPmo(ClaimsPrincipal user) => user.IsInRole("pmo-analyst") || user.IsInRole("admin");

    /// <summary>The roles of <see cref="IsPmo"/>, for [Authorize(Roles = …)] on the PMO pages.</summary>
    public const string Pmo = "pmo-analyst,admin";

    /// <summary>PSO staff and admins: the PSO screens (meetings, action items, kitting, assets, licences, CSV import, procurement).</summary>
    public static bool IsPso(ClaimsPrincipal user) => user.IsInRole("pso-staff") || user.IsInRole("admin");

    /// <summary>Admins: the admin screens (integrations, notification rules, SLA, queues, categories).</summary>
    public static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole("admin");

    public static string? IdOf(ClaimsPrincipal user) => user.FindFirst("sub")?.Value;
}
