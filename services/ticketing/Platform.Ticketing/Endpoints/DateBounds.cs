using Platform.ServiceDefaults;

namespace Platform.Ticketing.Endpoints;

/// <summary>
/// The dates a client may send: 1900-01-01 to 2999-12-31 (UTC), the platform's rule for JSON bodies, checked here for
/// the query string, which that rule does not see, so date arithmetic never runs off the calendar.
/// </summary>
internal static class DateBounds
{
    public static readonly DateTimeOffset Min = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Validator InDateRange(this Validator v, string field, DateTimeOffset? value) =>
        v.Check(value is null || (value >= Min && value < End), field, $"'{field}' must be between 1900-01-01 and 2999-12-31.");
}
