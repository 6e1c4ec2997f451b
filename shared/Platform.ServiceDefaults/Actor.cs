using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>Who is acting on a request: the authenticated user's name, until sign-in exists "anonymous".</summary>
public static class Actor
{
    public const string Anonymous = "anonymous";

    public static string Of(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Anonymous;
}
