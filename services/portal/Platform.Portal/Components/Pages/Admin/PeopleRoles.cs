namespace Platform.Portal.Components.Pages.Admin;

/// <summary>The roles an admin gives people (identity's role names) and their resource keys.</summary>
public static class PeopleRoles
{
    public static readonly IReadOnlyList<string> All = ["requester", "agent", "pmo-analyst", "pso-staff", "admin"];

    public static string Key(string role) => role switch
    {
        "requester" => "People.Role.Requester",
        "agent" => "People.Role.Agent",
        "pmo-analyst" => "People.Role.PmoAnalyst",
        "pso-staff" => "People.Role.PsoStaff",
        "admin" => "People.Role.Admin",
        _ => "People.Role.Other",
    };
}
