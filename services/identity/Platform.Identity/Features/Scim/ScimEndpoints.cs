using System.Text.Json.Nodes;

namespace Platform.Identity.Features.Scim;

/// <summary>
/// SCIM 2.0 (RFC 7643/7644) at /scim/v2 for an identity provider's provisioning client (client credentials, scope
/// "scim"): Users, Groups, and the discovery resources (ServiceProviderConfig, ResourceTypes, Schemas).
/// </summary>
public static class ScimEndpoints
{
    public static IEndpointRouteBuilder MapScimEndpoints(this IEndpointRouteBuilder app)
    {
        var scim = app.MapGroup("/scim/v2").WithTags("SCIM").RequireAuthorization(IdentityPolicies.Scim);
        ScimUsers.Map(scim);
        ScimGroups.Map(scim);
        scim.MapGet("/ServiceProviderConfig", () => new ScimResult(StatusCodes.Status200OK, ServiceProviderConfig())).WithName("ScimServiceProviderConfig");
        scim.MapGet("/ResourceTypes", (IdentitySettings settings) => new ScimResult(StatusCodes.Status200OK,
            ScimNode.ListResponse(2, 1, [ResourceType("User", "/Users", ScimSchemas.User, ScimSchemas.EnterpriseUser), ResourceType("Group", "/Groups", ScimSchemas.Group, null)])))
            .WithName("ScimResourceTypes");
        scim.MapGet("/Schemas", () => new ScimResult(StatusCodes.Status200OK, ScimNode.ListResponse(3, 1,
            [Schema(ScimSchemas.User, "User", "userName", "displayName", "name", "emails", "active", "externalId"),
             Schema(ScimSchemas.EnterpriseUser, "EnterpriseUser", "department", "manager"),
             Schema(ScimSchemas.Group, "Group", "displayName", "members", "externalId")])))
            .WithName("ScimSchemas");
        return app;
    }

    private static JsonObject ServiceProviderConfig() => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ServiceProviderConfig),
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = 200 },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "OAuth Bearer Token",
            ["description"] = "A client-credentials access token with the scim scope, from /connect/token.",
            ["primary"] = true,
        }),
    };

    private static JsonObject ResourceType(string name, string endpoint, string schema, string? extension)
    {
        var type = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
            ["id"] = name,
            ["name"] = name,
            ["endpoint"] = endpoint,
            ["schema"] = schema,
        };
        if (extension is not null)
            type["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = extension, ["required"] = false });
        return type;
    }

    private static JsonObject Schema(string id, string name, params string[] attributes) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.Schema),
        ["id"] = id,
        ["name"] = name,
        ["attributes"] = new JsonArray([.. attributes.Select(a => (JsonNode)new JsonObject { ["name"] = a })]),
    };
}
