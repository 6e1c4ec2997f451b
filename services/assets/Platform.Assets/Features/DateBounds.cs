using Platform.ServiceDefaults;

namespace Platform.Assets.Features;

/// <summary>
/// The dates a client may send: 1900-01-01 to 2999-12-31, the platform's rule for JSON bodies, checked here for what
/// that rule does not see (the query string, CSV imports).
/// </summary>
public static class DateBounds
{
    public static readonly DateOnly Min = new(1900, 1, 1);
    public static readonly DateOnly Max = new(2999, 12, 31);

    public const string Range = "between 1900-01-01 and 2999-12-31";

    public static bool Contains(DateOnly date) => date >= Min && date <= Max;

    public static Validator InDateRange(this Validator v, string field, DateOnly? value) =>
        v.Check(value is null || Contains(value.Value), field, $"'{field}' must be {Range}.");
}
