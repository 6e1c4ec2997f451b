namespace Platform.Projects.Features;

/// <summary>What the projects API's handlers do alike with requests: validation rules, today's date.</summary>
public static class Requests
{
    /// <summary>Today's date in UTC, the one the schedule and the overdue flags go by.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>An optional enum: absent, or one of its names.</summary>
    public static Validator OneOf<TEnum>(this Validator v, string field, TEnum? value) where TEnum : struct, Enum =>
        v.Check(value is null || Enum.IsDefined(value.Value), field, $"'{field}' must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");

    /// <summary>A field a change may leave out, but not blank: absent, or 1 to <paramref name="maxLength"/> characters.</summary>
    public static Validator NotBlankWhenGiven(this Validator v, string field, string? value, int maxLength = Lengths.Title) => v
        .Check(value is null || !string.IsNullOrWhiteSpace(value), field, $"'{field}' cannot be blank.")
        .Optional(field, value, maxLength);

    /// <summary>At most <paramref name="max"/> entries, each 1 to <paramref name="length"/> characters.</summary>
    public static Validator Lines(this Validator v, string field, IReadOnlyList<string>? lines, int max, int length) => v
        .Check(lines is null || lines.Count <= max, field, $"At most {max} entries in '{field}'.")
        .Check(lines is null || lines.All(l => !string.IsNullOrWhiteSpace(l) && l.Length <= length), field, $"Each entry of '{field}' is 1–{length} characters.");

    /// <summary>A currency (already through <see cref="Money.CurrencyCode"/>): an ISO 4217 code, or absent when not <paramref name="required"/>.</summary>
    public static Validator Currency(this Validator v, string? code, bool required = false) =>
        v.Check(code is null ? !required : Money.IsCurrency(code), "currency",
            required ? "'currency' is required: an ISO 4217 code (JPY, EUR)." : "'currency' is an ISO 4217 code (JPY, EUR).");

    /// <summary>A task's own budget: absent, or 0 to <see cref="Money.MaxAmount"/>.</summary>
    public static Validator TaskBudget(this Validator v, decimal? budget) =>
        v.Check(budget is null or >= 0 and <= Money.MaxAmount, "budget", $"'budget' must be between 0 and {Money.MaxAmount:0}.");

    /// <summary>Hours of work: absent, or 0 to 100000.</summary>
    public static Validator Estimate(this Validator v, decimal? hours) =>
        v.Check(hours is null or >= 0 and <= 100_000, "estimateHours", "'estimateHours' must be between 0 and 100000.");
}
