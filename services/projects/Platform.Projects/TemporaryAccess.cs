using Platform.ServiceDefaults;

namespace Platform.Projects;

// TEMPORARY (r15-sh): the project rules left Caller in the shared library; the projects helper's branch brings them
// back inside the service. Delete this file when merging that branch.
public static class TemporaryProjectAccess
{
    extension(Caller caller)
    {
        /// <summary>PMO analysts, admins and integration tools see every project; others the ones they belong to.</summary>
        public bool SeesAllProjects => caller.IsIn(Roles.PmoAnalyst, Roles.Admin, Roles.Integration);

        public bool ManagesProjects => caller.IsIn(Roles.PmoAnalyst, Roles.Admin);
    }
}
