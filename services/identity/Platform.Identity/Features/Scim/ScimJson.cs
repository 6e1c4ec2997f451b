using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Identity.Features.Scim;

/// <summary>SCIM's URNs (RFC 7643/7644).</summary>
public static class ScimSchemas
{
    public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string Error = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string ServiceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public const string ResourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public const string Schema = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    public const string MediaType = "application/scim+json";
}

/// <summary>A SCIM answer: a JSON body as application/scim+json, with Location and ETag when given.</summary>
public sealed class ScimResult(int status, JsonNode? body, string? location = null, string? etag = null) : IResult
{
    public int Status => status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext;
        http.Response.StatusCode = status;
        if (location is not null) http.Response.Headers.Location = location;
        if (etag is not null) http.Response.Headers.ETag = etag;
        if (body is null) return;
        http.Response.ContentType = ScimSchemas.MediaType + "; charset=utf-8";
        await http.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8);
    }

    public static ScimResult Error(int status, string? scimType, string detail)
    {
        var error = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.Error),
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
            ["detail"] = detail,
        };
        if (scimType is not null) error["scimType"] = scimType;
        return new ScimResult(status, error);
    }

    public static ScimResult NotFound(string what, string id) => Error(StatusCodes.Status404NotFound, null, $"{what} '{id}' does not exist.");

    public static ScimResult InvalidValue(string detail) => Error(StatusCodes.Status400BadRequest, "invalidValue", detail);
}

/// <summary>Reading SCIM JSON: attribute names are case-insensitive (RFC 7643 §2.1), booleans may arrive as strings.</summary>
public static class ScimNode
{
    public const int MaxBody = 1024 * 1024;

    /// <summary>The request's JSON object, or the SCIM error to answer.</summary>
    public static async Task<(JsonObject? Body, ScimResult? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBody) return (null, ScimResult.Error(StatusCodes.Status413PayloadTooLarge, null, "The body is too large."));
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(ct);
            if (text.Length > MaxBody) return (null, ScimResult.Error(StatusCodes.Status413PayloadTooLarge, null, "The body is too large."));
            return JsonNode.Parse(text) is JsonObject body
                ? (body, null)
                : (null, ScimResult.Error(StatusCodes.Status400BadRequest, "invalidSyntax", "The body must be a JSON object."));
        }
        catch (JsonException e)
        {
            return (null, ScimResult.Error(StatusCodes.Status400BadRequest, "invalidSyntax", $"The body is not JSON: {e.Message}"));
        }
    }

    /// <summary>The key of <paramref name="name"/> in <paramref name="node"/>, whatever its case.</summary>
    public static string? KeyOf(JsonObject node, string name) =>
        node.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    public static JsonNode? Get(this JsonObject? node, string name) =>
        node is not null && KeyOf(node, name) is { } key ? node[key] : null;

    /// <summary>Sets <paramref name="name"/>, replacing it under whatever case it had.</summary>
    public static void Set(this JsonObject node, string name, JsonNode? value)
    {
        if (KeyOf(node, name) is { } key) node.Remove(key);
        node[name] = value;
    }

    public static void RemoveKey(this JsonObject node, string name)
    {
        if (KeyOf(node, name) is { } key) node.Remove(key);
    }

    /// <summary>A string attribute; null when absent or null; the SCIM error when another kind.</summary>
    public static string? Text(this JsonObject? node, string name, List<string> errors)
    {
        var value = node.Get(name);
        if (value is null) return null;
        if (value is JsonValue v && v.TryGetValue<string>(out var text)) return text;
        errors.Add($"'{name}' must be a string.");
        return null;
    }

    public static bool? Bool(JsonNode? value, string name, List<string> errors)
    {
        if (value is null) return null;
        if (value is JsonValue v)
        {
            if (v.TryGetValue<bool>(out var b)) return b;
            if (v.TryGetValue<string>(out var s) && bool.TryParse(s, out b)) return b; // Entra ID sends "False"
        }

        errors.Add($"'{name}' must be a boolean.");
        return null;
    }

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string ETag(long version) => $"W/\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static JsonObject ListResponse(int total, int startIndex, IReadOnlyList<JsonNode> resources) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
        ["totalResults"] = total,
        ["startIndex"] = startIndex,
        ["itemsPerPage"] = resources.Count,
        ["Resources"] = new JsonArray([.. resources]),
    };

    /// <summary>startIndex (1-based, below 1 is 1) and count (0 to 200, default 100), RFC 7644 §3.4.2.4.</summary>
    public static (int Skip, int Take, int StartIndex) Paging(int? startIndex, int? count)
    {
        var start = Math.Max(1, startIndex ?? 1);
        return (start - 1, Math.Clamp(count ?? 100, 0, 200), start);
    }
}
