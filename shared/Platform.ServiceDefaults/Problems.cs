using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults;

/// <summary>The one place errors are shaped: RFC 9457 ProblemDetails.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: $"{what} '{id}' does not exist.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static ProblemHttpResult Conflict(string code, string detail) =>
        Coded(StatusCodes.Status409Conflict, "Conflict", code, detail);

    public static ProblemHttpResult Unprocessable(string code, string detail) =>
        Coded(StatusCodes.Status422UnprocessableEntity, "Unprocessable request", code, detail);

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more fields are invalid.");

    /// <summary>A problem with a machine-readable <c>code</c> extension beside the words, for clients to act on.</summary>
    private static ProblemHttpResult Coded(int status, string title, string code, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = code });
}

/// <summary>
/// Collects field errors for a request; camelCase field names as the client sent them. Text fields of at most
/// <see cref="SingleLineMax"/> characters (names, titles, keys, ids) are single-line: tab, CR and LF are refused
/// there; longer ones (descriptions, notes, comments) may hold them. No field may hold another control character.
/// </summary>
public sealed class Validator
{
    public const int SingleLineMax = 200;

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IDictionary<string, string[]> Errors => _errors;

    public Validator Required(string field, string? value, int maxLength = SingleLineMax)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"'{field}' is required.");
        else Text(field, value, maxLength);
        return this;
    }

    public Validator Optional(string field, string? value, int maxLength)
    {
        if (value is not null) Text(field, value, maxLength);
        return this;
    }

    /// <summary>A date a client sent outside the JSON body (query string, CSV): within <see cref="EdgeInput"/>'s range.</summary>
    public Validator InDateRange(string field, DateOnly? value) =>
        Check(value is null || EdgeInput.InRange(value.Value), field, $"'{field}' {EdgeInput.DateRangeMessage}.");

    /// <summary>A timestamp a client sent outside the JSON body: within <see cref="EdgeInput"/>'s range (in UTC).</summary>
    public Validator InDateRange(string field, DateTimeOffset? value) =>
        Check(value is null || EdgeInput.InRange(value.Value), field, $"'{field}' {EdgeInput.DateRangeMessage}.");

    /// <summary>The id of a person (<see cref="PersonIds"/>): required, or optional when <paramref name="required"/> is false.</summary>
    public Validator Person(string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, $"'{field}' is required.");
        }
        else if (PersonIds.Problem(value) is { } problem) Add(field, $"'{field}' {problem}");
        return this;
    }

    /// <summary>A list of people's ids: each one valid, at most <paramref name="max"/>.</summary>
    public Validator People(string field, IEnumerable<string?>? values, int max = 200)
    {
        if (values is null) return this;
        var i = 0;
        foreach (var value in values)
        {
            if (i == max) { Add(field, $"'{field}' may name at most {max} people."); break; }
            if (string.IsNullOrWhiteSpace(value)) Add($"{field}[{i}]", $"'{field}[{i}]' is required.");
            else if (PersonIds.Problem(value) is { } problem) Add($"{field}[{i}]", $"'{field}[{i}]' {problem}");
            i++;
        }

        return this;
    }

    private void Text(string field, string value, int maxLength)
    {
        if (value.Length > maxLength) Add(field, $"'{field}' must be at most {maxLength} characters.");
        else if (EdgeInput.ForbiddenChar(value, multiLine: maxLength > SingleLineMax) is { } c)
            Add(field, c is '\t' or '\n' or '\r'
                ? $"'{field}' must be a single line (no tab or line break)."
                : $"'{field}' holds a control character ({EdgeInput.Describe(c)}), which text may not contain.");
    }

    public Validator RequiredEnum<TEnum>(string field, TEnum? value) where TEnum : struct, Enum
    {
        if (value is null) Add(field, $"'{field}' is required; one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
        else if (!Enum.IsDefined(value.Value)) Add(field, $"'{field}' must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return this;
    }

    public Validator Check(bool condition, string field, string message)
    {
        if (!condition) Add(field, message);
        return this;
    }

    private void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}

/// <summary>
/// What can be the id of a person (a user name, an e-mail-like login, an employee number): 1 to
/// <see cref="MaxLength"/> characters, letters and digits of any script and . _ - @ + ' only. Anything else (spaces,
/// control characters, path separators, quotes other than the apostrophe) cannot be anybody's id and is refused
/// wherever a person is named. Whether the person exists is the people directory's question, not this one's.
/// </summary>
public static class PersonIds
{
    public const int MaxLength = 200;

    public static bool IsValid(string? value) => value is not null && Problem(value) is null;

    /// <summary>Why <paramref name="value"/> cannot be a person's id (a sentence ending with a period), or null.</summary>
    public static string? Problem(string value)
    {
        if (value.Length == 0) return "is required.";
        if (value.Length > MaxLength) return $"must be at most {MaxLength} characters.";
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+' or '\'') continue;
            var category = char.GetUnicodeCategory(c);
            if (category is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark) continue;
            return $"is not a person's id: letters, digits and . _ - @ + ' only (found {(c < 0x20 || c == 0x7F ? EdgeInput.Describe(c) : $"'{c}'")}).";
        }

        return null;
    }
}
