using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

public static class Roles
{
    public const string Requester = "requester";
    public const string Agent = "agent";
    public const string PmoAnalyst = "pmo-analyst";
    public const string PsoStaff = "pso-staff";
    public const string Admin = "admin";

    /// <summary>A third-party tool signed in with client credentials.</summary>
    public const string Integration = "integration";
}

public static class Scopes
{
    public const string Tickets = "tickets";
    public const string Projects = "projects";
    public const string Assets = "assets";
    public const string Notifications = "notifications";
}

/// <summary>
/// The authenticated caller as the services see it: who, and in which roles. What a role may do with a service's
/// objects (every ticket, every project, ...) is that service's rule, kept in the service (as extension properties
/// on <see cref="Caller"/>), not here.
/// </summary>
public sealed record Caller(string Id, IReadOnlySet<string> Roles)
{
    public static Caller Of(HttpContext context)
    {
        var user = context.User;
        var id = user.FindFirst("sub")?.Value ?? user.FindFirst("client_id")?.Value
            ?? throw new InvalidOperationException("An authenticated caller without a subject.");
        return new Caller(id, user.FindAll(AuthExtensions.RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }

    public bool IsIn(params string[] roles) => roles.Any(Roles.Contains);
}
