namespace Platform.Gateway;

public static class ApiDocuments
{
    /// <summary>Services whose OpenAPI document is routed as /openapi/{service}.json (see appsettings.json).</summary>
    public static readonly string[] Services = ["ticketing", "projects", "assets", "notifications", "identity"];
}
