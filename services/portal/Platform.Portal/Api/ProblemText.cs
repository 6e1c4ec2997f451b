using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Platform.Portal.Api;

/// <summary>
/// The services word their problems in English. What the portal recognises it says in the person's language
/// ("'title' is required." → the field is required); anything else is shown as the service wrote it.
/// </summary>
public static partial class ProblemText
{
    public static string? Localize(this IStringLocalizer localizer, string? message)
    {
        if (string.IsNullOrEmpty(message)) return message;
        if (Required().IsMatch(message)) return localizer["Validation.Required"];
        if (NotEmail().IsMatch(message)) return localizer["Validation.Email"];
        if (message.Trim() == "One or more fields are invalid.") return localizer["Validation.Invalid"];
        return message;
    }

    /// <summary>The message for one field, in the person's language where known.</summary>
    public static string? For(this Problem? problem, string field, IStringLocalizer localizer) =>
        problem?.Errors?.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } messages
            ? string.Join(" ", messages.Select(m => localizer.Localize(m)))
            : null;

    [GeneratedRegex(@"^'[A-Za-z]+' is required\.?$")]
    private static partial Regex Required();

    [GeneratedRegex(@"^'[A-Za-z]+' is not an e-mail address\.?$")]
    private static partial Regex NotEmail();
}
