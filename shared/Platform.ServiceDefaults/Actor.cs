using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>Who is acting, for audit: the token's subject on a request, "system" elsewhere (consumers, jobs).</summary>
public static class Actor
{
    public const string System = "system";

    public static string Of(HttpContext? context) =>
        context?.User.Identity is { IsAuthenticated: true }
            ? context.User.FindFirst("sub")?.Value ?? context.User.FindFirst("client_id")?.Value ?? System
            : System;
}
