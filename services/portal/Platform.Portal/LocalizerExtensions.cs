using Microsoft.Extensions.Localization;

namespace Platform.Portal;

public static class LocalizerExtensions
{
    /// <summary>The resource's words for <paramref name="key"/>, or <paramref name="fallback"/> (an API's own value)
    /// when the portal has none — a status, field or code it does not know yet.</summary>
    public static string OrElse(this IStringLocalizer L, string key, string fallback) =>
        L[key] is { ResourceNotFound: false } known ? known.Value : fallback;
}
