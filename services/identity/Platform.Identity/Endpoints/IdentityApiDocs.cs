using Platform.ServiceDefaults;

namespace Platform.Identity.Endpoints;

/// <summary>
/// The words of the identity OpenAPI document, keyed by endpoint name. A new endpoint needs an entry here: the
/// OpenAPI lint test fails on an operation without a summary. (/connect and /account are OpenID Connect and HTML
/// pages, outside the document.)
/// </summary>
internal static class IdentityApiDocs
{
    private const string Admins = "Admins only.";
    private const string Scim = "SCIM 2.0 (RFC 7643/7644) for an identity provider's provisioning client: a client-credentials token with the `scim` scope. Bodies are `application/scim+json`; errors use SCIM's error schema.";

    public static readonly ApiDocs Docs = new()
    {
        Title = "Platform identity API",
        Description = """
            The people directory: who can sign in, with their display name, department, manager and roles. Admins
            manage people (/api/users); anyone signed in searches them (/api/people, e-mail addresses for staff only);
            an enterprise identity provider provisions them over SCIM 2.0 (/scim/v2). Every change is published as
            PersonJoined / PersonChanged / PersonLeft, from which each service keeps its own copy. A deactivated person
            can no longer sign in and their tokens stop working at once. Errors are RFC 9457 ProblemDetails (SCIM's
            own error schema under /scim/v2).
            """,
        Tags =
        {
            ["Users"] = "Managing people (admins): create, change, deactivate, reactivate, delete, passwords and set-password links.",
            ["People"] = "Searching the directory (anyone signed in): the pickers' source.",
            ["SCIM"] = "SCIM 2.0 provisioning of users and groups by an enterprise identity provider; groups map to platform roles by configuration (Scim:GroupRoles).",
        },
        Operations =
        {
            ["CreateUser"] = new("Create a user", $"Creates a person (published as PersonJoined). `userName` is also their id unless taken; roles among requester, agent, pmo-analyst, pso-staff, admin; `managerId` must name a user; an optional `password` is checked against the password policy. {Admins}",
                [409], """{"userName":"hanako.sato","displayName":"佐藤 花子","email":"hanako.sato@example.com","department":"IT","managerId":"bob","roles":["agent"]}"""),
            ["ListUsers"] = new("List users", $"Every user, people who left included unless `includeInactive=false`; same filters and paging as /api/people, with e-mail addresses. {Admins}"),
            ["GetUser"] = new("Read a user", $"The user with their roles, state (active, leftOn, lockedOutUntil) and version. {Admins}", [404]),
            ["ReplaceUser"] = new("Replace a user's profile", $"Sets every profile field (absent = cleared; roles kept when absent). Published as PersonChanged when anything changed. {Admins}",
                [404, 409], """{"userName":"hanako.sato","displayName":"佐藤 花子","email":"hanako.sato@example.com","department":"PMO","managerId":"carol","roles":["pmo-analyst"]}"""),
            ["PatchUser"] = new("Change some of a user's fields", $"JSON merge patch: the fields present change, null clears. Published as PersonChanged. {Admins}",
                [404, 409], """{"department":"PSO"}"""),
            ["DeleteUser"] = new("Delete a user", $"The person leaves (PersonLeft): they can no longer sign in, their tokens are revoked, and they vanish from every list. Admins cannot delete themselves. {Admins}", [404, 409]),
            ["DeactivateUser"] = new("Deactivate a user", $"The person leaves (PersonLeft, `leftOn` today): sign-in refused, tokens and refresh tokens revoked at once. Admins cannot deactivate themselves. {Admins}", [404, 409]),
            ["ReactivateUser"] = new("Reactivate a user", $"The person may sign in again (PersonJoined). {Admins}", [404, 409]),
            ["SetUserPassword"] = new("Set a user's password", $"Checked against the password policy; also ends a lockout. {Admins}", [404], """{"password":"N3w-Passw0rd!"}"""),
            ["SendPasswordLink"] = new("E-mail a set-password link", $"Sends the user a single-use link to /account/set-password, valid for Identity:PasswordLinkLifetime; 422 `mail-not-configured` without Smtp:Host, `no-email` without an address. {Admins}", [404, 409, 422]),
            ["SearchPeople"] = new("Search people", "Active people whose display name or user name contains `q` (case-insensitive, any script), optionally with a role or in a department; ordered by display name, keyset-paged (`nextCursor`). E-mail addresses and `includeInactive=true` for staff (agents, PMO analysts, PSO staff, admins) only."),
            ["GetPerson"] = new("Read a person", "One person of the directory; people who left only for staff.", [404]),
            ["ScimServiceProviderConfig"] = new("SCIM service provider configuration", Scim),
            ["ScimResourceTypes"] = new("SCIM resource types", Scim),
            ["ScimSchemas"] = new("SCIM schemas", Scim),
            ["ScimCreateUser"] = new("SCIM: create a user", Scim, [409]),
            ["ScimListUsers"] = new("SCIM: list or filter users", $"`filter` (userName, externalId, emails.value, active with eq; and), `startIndex`, `count`. {Scim}"),
            ["ScimGetUser"] = new("SCIM: read a user", Scim, [404]),
            ["ScimReplaceUser"] = new("SCIM: replace a user", Scim, [404, 409]),
            ["ScimPatchUser"] = new("SCIM: patch a user", $"PatchOp add/replace/remove, with a path or the path-less value object. {Scim}", [404, 409]),
            ["ScimDeleteUser"] = new("SCIM: delete a user", Scim, [404]),
            ["ScimCreateGroup"] = new("SCIM: create a group", Scim, [409]),
            ["ScimListGroups"] = new("SCIM: list or filter groups", $"`filter` (displayName, externalId with eq), `startIndex`, `count`. {Scim}"),
            ["ScimGetGroup"] = new("SCIM: read a group", Scim, [404]),
            ["ScimReplaceGroup"] = new("SCIM: replace a group", Scim, [404, 409]),
            ["ScimPatchGroup"] = new("SCIM: patch a group", $"Members added or removed, display name replaced. {Scim}", [404, 409]),
            ["ScimDeleteGroup"] = new("SCIM: delete a group", Scim, [404]),
        },
    };
}
