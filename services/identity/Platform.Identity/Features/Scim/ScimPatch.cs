using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Identity.Features.Scim;

/// <summary>
/// PATCH (RFC 7644 §3.5.2) applied to a resource's JSON: add, replace and remove, with a path (<c>active</c>,
/// <c>name.formatted</c>, <c>emails[type eq "work"].value</c>, <c>members[value eq "…"]</c>, an extension's
/// <c>urn:…:enterprise:2.0:User:department</c>) or path-less with a value object, as Entra ID sends it. The caller reads the
/// patched JSON back as a whole resource, so a patch is checked exactly as a PUT is.
/// </summary>
public static partial class ScimPatch
{
    [GeneratedRegex(@"^(?<attr>[A-Za-z$][\w$\-]*)(?:\[(?<filter>[^\]]+)\])?(?:\.(?<sub>[A-Za-z$][\w$\-]*))?$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PathPattern();

    public static ScimResult? Apply(JsonObject resource, JsonObject body, string coreSchema, params string[] extensions)
    {
        if (body.Get("schemas") is JsonArray schemas
            && !schemas.Any(s => s is JsonValue v && v.TryGetValue<string>(out var u) && string.Equals(u, ScimSchemas.PatchOp, StringComparison.OrdinalIgnoreCase)))
            return ScimResult.Error(StatusCodes.Status400BadRequest, "invalidSyntax", $"A PATCH body has the schema {ScimSchemas.PatchOp}.");
        if (body.Get("Operations") is not JsonArray operations || operations.Count == 0)
            return ScimResult.Error(StatusCodes.Status400BadRequest, "invalidSyntax", "A PATCH body needs a non-empty 'Operations' array.");
        if (operations.Count > 1000) return ScimResult.InvalidValue("At most 1000 operations per PATCH.");

        foreach (var node in operations)
        {
            if (node is not JsonObject operation) return ScimResult.Error(StatusCodes.Status400BadRequest, "invalidSyntax", "Each operation is an object.");
            var errors = new List<string>();
            var op = operation.Text("op", errors)?.ToLowerInvariant();
            var path = operation.Text("path", errors);
            var value = operation.Get("value")?.DeepClone();
            if (errors.Count > 0 || op is not ("add" or "replace" or "remove"))
                return ScimResult.Error(StatusCodes.Status400BadRequest, "invalidSyntax", "Each operation's 'op' is add, replace or remove; 'path' is a string.");

            ScimResult? error;
            if (string.IsNullOrWhiteSpace(path))
            {
                if (op == "remove") return ScimResult.Error(StatusCodes.Status400BadRequest, "noTarget", "A remove operation needs a path.");
                if (value is not JsonObject values) return ScimResult.InvalidValue("Without a path, 'value' is an object of attributes.");
                foreach (var (key, item) in values.ToList())
                {
                    values.Remove(key);
                    if ((error = ApplyPath(resource, op, key, item, coreSchema, extensions)) is not null) return error;
                }
            }
            else if ((error = ApplyPath(resource, op, path.Trim(), value, coreSchema, extensions)) is not null) return error;
        }

        return null;
    }

    private static ScimResult? ApplyPath(JsonObject resource, string op, string path, JsonNode? value, string coreSchema, string[] extensions)
    {
        var target = resource;
        if (path.StartsWith(coreSchema + ":", StringComparison.OrdinalIgnoreCase)) path = path[(coreSchema.Length + 1)..];
        foreach (var urn in extensions)
        {
            if (string.Equals(path, urn, StringComparison.OrdinalIgnoreCase))
            {
                // The extension as a whole: merge (add) or set (replace) its attributes.
                if (op == "remove") { resource.RemoveKey(urn); return null; }
                if (value is not JsonObject values) return ScimResult.InvalidValue($"'{urn}' takes an object.");
                var extension = resource.Get(urn) as JsonObject;
                if (extension is null || op == "replace") resource.Set(urn, extension = []);
                foreach (var (key, item) in values.ToList())
                {
                    values.Remove(key);
                    extension.Set(key, item);
                }

                return null;
            }

            if (path.StartsWith(urn + ":", StringComparison.OrdinalIgnoreCase))
            {
                if (resource.Get(urn) is not JsonObject extension) resource.Set(urn, extension = []);
                target = extension;
                path = path[(urn.Length + 1)..];
                break;
            }
        }

        var match = PathPattern().Match(path);
        if (!match.Success) return ScimResult.Error(StatusCodes.Status400BadRequest, "invalidPath", $"The path '{path}' is not supported.");
        var attr = match.Groups["attr"].Value;
        var sub = match.Groups["sub"].Success ? match.Groups["sub"].Value : null;
        if (attr.Equals("schemas", StringComparison.OrdinalIgnoreCase) || attr.Equals("id", StringComparison.OrdinalIgnoreCase)
            || attr.Equals("meta", StringComparison.OrdinalIgnoreCase))
            return op == "replace" && attr.Equals("id", StringComparison.OrdinalIgnoreCase)
                ? ScimResult.Error(StatusCodes.Status400BadRequest, "mutability", "'id' cannot be changed.")
                : null; // read-only: ignored, as RFC 7644 §3.5.2 allows

        if (match.Groups["filter"].Success) return ApplyFiltered(target, op, attr, match.Groups["filter"].Value, sub, value);

        if (sub is not null)
        {
            if (target.Get(attr) is not JsonObject parent)
            {
                if (op == "remove") return null;
                target.Set(attr, parent = []);
            }

            if (op == "remove") parent.RemoveKey(sub);
            else parent.Set(sub, value);
            return null;
        }

        var existing = target.Get(attr);
        switch (op)
        {
            case "remove" when value is JsonArray removed && existing is JsonArray list:
                // Entra ID's member removal: the members to remove as the value.
                var gone = removed.Select(r => (r as JsonObject).Get("value")?.ToString()).OfType<string>().ToHashSet(StringComparer.Ordinal);
                foreach (var item in list.Where(i => gone.Contains((i as JsonObject).Get("value")?.ToString() ?? "")).ToList()) list.Remove(item);
                return null;
            case "remove":
                target.RemoveKey(attr);
                return null;
            case "add" when value is JsonArray added && existing is JsonArray list:
                var present = list.Select(i => (i as JsonObject).Get("value")?.ToString()).OfType<string>().ToHashSet(StringComparer.Ordinal);
                foreach (var item in added.ToList())
                {
                    added.Remove(item);
                    if ((item as JsonObject).Get("value")?.ToString() is { } v && !present.Add(v)) continue;
                    list.Add(item);
                }

                return null;
            case "add" when value is JsonObject values && existing is JsonObject complex:
                foreach (var (key, item) in values.ToList())
                {
                    values.Remove(key);
                    complex.Set(key, item);
                }

                return null;
            default:
                target.Set(attr, value);
                return null;
        }
    }

    /// <summary><c>attr[sub eq "v"]</c> or <c>attr[sub eq "v"].sub2</c> on a multi-valued attribute.</summary>
    private static ScimResult? ApplyFiltered(JsonObject target, string op, string attr, string filter, string? sub, JsonNode? value)
    {
        var (comparisons, error) = ScimFilter.ParseValuePath(filter);
        if (comparisons is null) return ScimResult.Error(StatusCodes.Status400BadRequest, "invalidPath", error!);
        if (target.Get(attr) is not JsonArray list)
        {
            if (op == "remove") return null;
            target.Set(attr, list = []);
        }

        var matched = list.OfType<JsonObject>().Where(e => comparisons.All(c =>
            string.Equals((e.Get(c.Attribute) as JsonValue)?.ToString(), c.Value, StringComparison.OrdinalIgnoreCase))).ToList();
        if (op == "remove")
        {
            foreach (var element in matched)
                if (sub is null) list.Remove(element);
                else element.RemoveKey(sub);
            return null;
        }

        if (matched.Count == 0)
        {
            // emails[type eq "work"].value on a user without a work e-mail: the element is created.
            var created = new JsonObject();
            foreach (var c in comparisons) created[c.Attribute] = c.Value;
            list.Add(created);
            matched.Add(created);
        }

        foreach (var element in matched)
        {
            if (sub is not null) element.Set(sub, value?.DeepClone());
            else if (value is JsonObject values)
                foreach (var (key, item) in values) element.Set(key, item?.DeepClone());
            else return ScimResult.InvalidValue($"'{attr}[{filter}]' takes an object.");
        }

        return null;
    }
}
