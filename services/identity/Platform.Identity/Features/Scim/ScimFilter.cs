using System.Text.RegularExpressions;

namespace Platform.Identity.Features.Scim;

/// <summary>One comparison of a SCIM filter: attribute path (lower case), and the value (a string, or "true"/"false").</summary>
public sealed record ScimComparison(string Attribute, string Value);

/// <summary>
/// The filters provisioning clients send (RFC 7644 §3.4.2.2): <c>attr eq "value"</c>, <c>attr eq true</c>, joined by
/// <c>and</c>. Anything else is answered 400 invalidFilter rather than guessed at.
/// </summary>
public static partial class ScimFilter
{
    [GeneratedRegex("""^\s*(?<attr>[A-Za-z][\w.:\-]*(?:\[[^\]]*\])?(?:\.[A-Za-z]\w*)?)\s+(?<op>[A-Za-z]{2})\s+(?<value>"(?:[^"\\]|\\.)*"|true|false|null)\s*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Comparison();

    [GeneratedRegex(@"\s+and\s+(?=(?:[^""\\]|\\.|""(?:[^""\\]|\\.)*"")*$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex And();

    /// <summary>The comparisons, or the reason the filter is refused.</summary>
    public static (List<ScimComparison>? Comparisons, string? Error) Parse(string? filter, IReadOnlyCollection<string> attributes)
    {
        if (string.IsNullOrWhiteSpace(filter)) return ([], null);
        if (filter.Length > 1000) return (null, "The filter is too long.");
        try
        {
            var comparisons = new List<ScimComparison>();
            foreach (var part in And().Split(filter))
            {
                var match = Comparison().Match(part);
                if (!match.Success) return (null, $"Unsupported filter '{part.Trim()}': use attribute eq \"value\", joined by and.");
                if (!match.Groups["op"].Value.Equals("eq", StringComparison.OrdinalIgnoreCase))
                    return (null, $"Unsupported operator '{match.Groups["op"].Value}': only eq is supported.");
                var attribute = Normalize(match.Groups["attr"].Value);
                if (!attributes.Contains(attribute))
                    return (null, $"Filtering on '{match.Groups["attr"].Value}' is not supported; supported: {string.Join(", ", attributes)}.");
                var raw = match.Groups["value"].Value;
                var value = raw.StartsWith('"') ? Regex.Unescape(raw[1..^1]) : raw.ToLowerInvariant();
                comparisons.Add(new ScimComparison(attribute, value));
            }

            return (comparisons, null);
        }
        catch (Exception e) when (e is RegexMatchTimeoutException or ArgumentException)
        {
            return (null, "The filter could not be read.");
        }
    }

    /// <summary>The filter inside a PATCH path's brackets (members[value eq "…"]): sub-attribute comparisons, as written.</summary>
    public static (List<ScimComparison>? Comparisons, string? Error) ParseValuePath(string filter)
    {
        try
        {
            var comparisons = new List<ScimComparison>();
            foreach (var part in And().Split(filter))
            {
                var match = Comparison().Match(part);
                if (!match.Success || !match.Groups["op"].Value.Equals("eq", StringComparison.OrdinalIgnoreCase))
                    return (null, $"Unsupported filter '{part.Trim()}' in a path: use attribute eq \"value\".");
                var raw = match.Groups["value"].Value;
                comparisons.Add(new ScimComparison(match.Groups["attr"].Value, raw.StartsWith('"') ? Regex.Unescape(raw[1..^1]) : raw));
            }

            return (comparisons, null);
        }
        catch (Exception e) when (e is RegexMatchTimeoutException or ArgumentException)
        {
            return (null, "The path's filter could not be read.");
        }
    }

    /// <summary>Lower case, without the core schema's URN prefix; emails[type eq "work"].value is emails.value.</summary>
    private static string Normalize(string attribute)
    {
        var a = attribute.ToLowerInvariant();
        foreach (var prefix in new[] { ScimSchemas.User.ToLowerInvariant() + ":", ScimSchemas.Group.ToLowerInvariant() + ":" })
            if (a.StartsWith(prefix, StringComparison.Ordinal)) a = a[prefix.Length..];
        var bracket = a.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0) a = a[..bracket] + a[(a.IndexOf(']', StringComparison.Ordinal) + 1)..];
        return a == "emails" ? "emails.value" : a;
    }
}
