namespace Platform.Identity.Features.Scim;

public static class ScimEndpoints
{
    public static IEndpointRouteBuilder MapScimEndpoints(this IEndpointRouteBuilder app) => app;
}
