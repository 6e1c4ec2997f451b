using Microsoft.AspNetCore.Authorization;

namespace Platform.ServiceDefaults;

/// <summary>Named policies, the same in the gateway and in the services; each is named after the scope it requires.</summary>
public static class Policies
{
    /// <summary>Any caller holding the tickets scope; what they may see is decided per ticket.</summary>
    public const string Tickets = Scopes.Tickets;

    /// <summary>Help desk work: agents (and admins) with the tickets scope.</summary>
    public const string TicketsWork = Scopes.Tickets + ":work";

    /// <summary>Handing a ticket to a project: agents and PMO.</summary>
    public const string TicketsPromote = Scopes.Tickets + ":promote";

    /// <summary>Any caller holding the projects scope; what they may see is decided per project.</summary>
    public const string Projects = Scopes.Projects;

    /// <summary>Creating projects and managing membership: PMO analysts (and admins).</summary>
    public const string ProjectsManage = Scopes.Projects + ":manage";

    /// <summary>Any caller holding the assets scope (reading the inventory); what they may see is decided per record.</summary>
    public const string Assets = Scopes.Assets;

    /// <summary>Keeping the inventory: PSO staff (and admins) with the assets scope.</summary>
    public const string AssetsManage = Scopes.Assets + ":manage";

    /// <summary>Any caller holding the notifications scope: their own inbox and preferences.</summary>
    public const string Notifications = Scopes.Notifications;

    /// <summary>Webhook subscriptions, deliveries and replay: admins and integration clients.</summary>
    public const string NotificationsIntegrations = Scopes.Notifications + ":integrations";

    public static void Add(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        AddScoped(options, Tickets, Scopes.Tickets);
        AddScoped(options, TicketsWork, Scopes.Tickets, Roles.Agent, Roles.Admin);
        AddScoped(options, TicketsPromote, Scopes.Tickets, Roles.Agent, Roles.PmoAnalyst, Roles.Admin);
        AddScoped(options, Projects, Scopes.Projects);
        AddScoped(options, ProjectsManage, Scopes.Projects, Roles.PmoAnalyst, Roles.Admin);
        AddScoped(options, Assets, Scopes.Assets);
        AddScoped(options, AssetsManage, Scopes.Assets, Roles.PsoStaff, Roles.Admin);
        AddScoped(options, Notifications, Scopes.Notifications);
        AddScoped(options, NotificationsIntegrations, Scopes.Notifications, Roles.Admin, Roles.Integration);
    }

    /// <summary>An authenticated caller holding <paramref name="scope"/>, and in one of <paramref name="roles"/> when any are named.</summary>
    private static void AddScoped(AuthorizationOptions options, string name, string scope, params string[] roles) =>
        options.AddPolicy(name, p =>
        {
            p.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(scope));
            if (roles.Length > 0) p.RequireRole(roles);
        });
}
